import type { BasicInfo } from "./basic-info.js";

/** The JBD details of a reading (`DeviceReading<JbdReading>.reading`): the two live registers, decoded to SI units. JSON-ready. */
export interface JbdReading {
  /** Register 0x03: pack values, protections, balancing, MOSFETs, temperatures. */
  readonly basicInfo: BasicInfo;
  /** Register 0x04: cell voltages, V, cell 1 first. */
  readonly cellVoltages: readonly number[];
}
