import type { FlagsValue, RegisterValues } from "@batt/modbus-rtu";
import type { JkEnumValue } from "../identifiers/identifier-spec.js";
import { cellStats, type JkCellStats } from "../live-data.js";
import type { JkPbAlarmName } from "./pb-alarm-bits.js";
import { arrayOf } from "./pb-field-arrays.js";
import { fittedProbes } from "./temperature-probes.js";
import type { JK_PB_LIVE_MAP } from "./pb-live-map.js";

/** Decoded JK-PB live registers, field by field. */
export type JkPbLiveRegisters = RegisterValues<typeof JK_PB_LIVE_MAP.fields>;

/** Names of the JK-PB balancer states 0, 1, 2 (live byte 0xA6). */
export const JK_PB_BALANCE_STATES = ["off", "charging", "discharging"] as const;

/** Balancer state of a JK-PB: the raw code and its name (absent for a code without one). */
export type JkPbBalanceState = JkEnumValue;

/** The live state of one JK-PB pack, in SI units. */
export interface JkPbLiveData {
  /** DIP-switch address of the pack. */
  readonly address: number;
  /** Voltages of the cells present (by the cell mask), V. */
  readonly cellVoltages: readonly number[];
  /** Statistics of the cell voltages (absent without cells). */
  readonly cells?: JkCellStats;
  /** Pack voltage, V. */
  readonly packVoltage: number;
  /** Current, A, charging positive. */
  readonly current: number;
  /** Power, W, charging positive. */
  readonly power: number;
  /** State of charge, %. */
  readonly soc: number;
  /** State of health, %. */
  readonly soh: number;
  /** Remaining capacity, Ah. */
  readonly remainingCapacity: number;
  /** Full-charge capacity, Ah. */
  readonly fullChargeCapacity: number;
  /** Cycles. */
  readonly cycleCount: number;
  /** Cycle capacity, Ah. */
  readonly cycleCapacity: number;
  /** MOSFET temperature, °C. */
  readonly mosTemperature: number;
  /** Temperatures of the fitted battery probes, °C, in probe order (probes the presence byte marks missing are left out). */
  readonly temperatures: readonly number[];
  /** Probe number (1–5) of each entry of `temperatures`. */
  readonly temperatureSensors: readonly number[];
  /** The raw presence byte: bit 0 MOSFET sensor, bits 1–5 probes 1–5, 1 = fitted (docs/protocols/jk.md#temperature-sensor-presence); absent where the source has none. */
  readonly temperatureSensorPresence?: number;
  /** Alarm bits. */
  readonly alarms: FlagsValue<JkPbAlarmName>;
  /** Balancer current, A. */
  readonly balanceCurrent: number;
  /** Balancer state: code and name. */
  readonly balanceState: JkPbBalanceState;
  /** Charge MOSFET on. */
  readonly chargeMos: boolean;
  /** Discharge MOSFET on. */
  readonly dischargeMos: boolean;
  /** Run time, s. */
  readonly runtime: number;
}

/** Summarises the live registers: cells by the cell mask, probes by the presence byte (high byte of 0xD0), byte pairs split, power signed by the current. */
export function pbLiveData(address: number, r: JkPbLiveRegisters): JkPbLiveData {
  const all = arrayOf(r, "cell", 32);
  const cells = all.flatMap((voltage, i) => (Math.floor(r.cellMask / 2 ** i) % 2 === 1 ? [{ index: i + 1, voltage }] : []));
  const stats = cellStats(cells);
  const balance = r.balanceStateSoc >> 8;
  const balanceName: string | undefined = JK_PB_BALANCE_STATES[balance];
  const presence = r.temperatureSensorState >> 8;
  const probes = fittedProbes([r.temperature1, r.temperature2, r.temperature3, r.temperature4, r.temperature5], presence);
  return {
    address,
    cellVoltages: cells.map((c) => c.voltage),
    ...(stats ? { cells: stats } : {}),
    packVoltage: r.packVoltage,
    current: r.current,
    power: r.current < 0 ? -r.power : r.power,
    soc: r.balanceStateSoc & 0xff,
    soh: r.sohPrecharge >> 8,
    remainingCapacity: r.remainingCapacity,
    fullChargeCapacity: r.fullChargeCapacity,
    cycleCount: r.cycleCount,
    cycleCapacity: r.cycleCapacity,
    mosTemperature: r.mosTemperature,
    temperatures: probes.temperatures,
    temperatureSensors: probes.sensors,
    temperatureSensorPresence: presence,
    alarms: r.alarms,
    balanceCurrent: r.balanceCurrent,
    balanceState: balanceName === undefined ? { value: balance } : { value: balance, name: balanceName },
    chargeMos: r.fetState >> 8 !== 0,
    dischargeMos: (r.fetState & 0xff) !== 0,
    runtime: r.runtime,
  };
}
