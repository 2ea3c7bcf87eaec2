import type { DeviceSession } from "@batt/core";
import type { BasicInfo } from "../basic-info.js";
import type { JbdBms } from "../jbd-bms.js";

/** One reading of the `batt jbd read` command. JSON-ready. */
export interface JbdReading {
  /** Model string (register 0x05), read once at connect; absent if the BMS did not answer it. */
  readonly name?: string;
  /** Basic information. */
  readonly info: BasicInfo;
  /** Cell voltages, V. */
  readonly cells: readonly number[];
}

/** A connected JBD BMS as the `batt` command uses it. */
export class JbdSession implements DeviceSession {
  constructor(
    /** The driver. */
    readonly bms: JbdBms,
    /** Model string read at connect, if any (0x05 upsets some units, so it is not polled). */
    readonly name: string | undefined,
  ) {}

  /** Basic info, cell voltages and the model string. */
  async read(signal?: AbortSignal): Promise<JbdReading> {
    const info = await this.bms.readBasicInfo(signal);
    const cells = await this.bms.readCellVoltages(signal);
    return { ...(this.name !== undefined ? { name: this.name } : {}), info, cells };
  }

  /** Releases the driver; the caller closes the transport. */
  async close(): Promise<void> {
    this.bms.dispose();
  }
}
