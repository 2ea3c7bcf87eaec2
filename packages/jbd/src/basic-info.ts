import { BattError, ByteReader, ByteWriter } from "@batt/core";
import { decodeJbdDate } from "./date.js";
import { activeFlags, ALARM_FLAGS, decodeFlags, PROTECTION_FLAGS, type AlarmFlag, type ProtectionFlag } from "./flags.js";
import { kelvinTenthsToCelsius, round } from "./units.js";

/**
 * Register 0x03 as it is on the wire (integers in wire units). Used to build replies and kept
 * for anyone who needs the exact words. Offsets: see {@link decodeBasicInfo}.
 */
export interface BasicInfoRaw {
  /** Pack voltage, 10 mV. */
  readonly voltage: number;
  /** Current, 10 mA, signed, + = charging. */
  readonly current: number;
  /** Remaining capacity, 10 mAh. */
  readonly remaining: number;
  /** Nominal (design) capacity, 10 mAh. */
  readonly nominal: number;
  /** Cycle count. */
  readonly cycles: number;
  /** Manufacture date word. */
  readonly date: number;
  /** Balance bits, cells 1–16. */
  readonly balanceLow: number;
  /** Balance bits, cells 17–32. */
  readonly balanceHigh: number;
  /** Protection status bits. */
  readonly protection: number;
  /** Software version byte (0x23 = 2.3). */
  readonly version: number;
  /** Relative state of charge, %. */
  readonly rsoc: number;
  /** FET / control status byte. */
  readonly fet: number;
  /** Cell count. */
  readonly cellCount: number;
  /** NTC temperatures, 0.1 K. */
  readonly ntc: readonly number[];
  /** The 9-byte tail of newer firmware, when present. */
  readonly tail?: BasicInfoTailRaw;
}

/** The extended tail of register 0x03 (newer firmware), in wire units. */
export interface BasicInfoTailRaw {
  /** Humidity, %. */
  readonly humidity: number;
  /** Alarm bits. */
  readonly alarm: number;
  /** Full-charge capacity, 10 mAh. */
  readonly fullCharge: number;
  /** Remaining capacity (repeat), 10 mAh. */
  readonly remaining: number;
  /** Balance current, mA (bit 15 of unknown meaning; kept raw). */
  readonly balanceCurrent: number;
}

/** FET / control status (basic info offset 20). */
export interface FetStatus {
  /** Charge MOSFET conducting. */
  readonly charge: boolean;
  /** Discharge MOSFET conducting. */
  readonly discharge: boolean;
  /** Current-limit module on (V11). */
  readonly currentLimit: boolean;
  /** Heater on (V11). */
  readonly heater: boolean;
  /** The byte as received. */
  readonly raw: number;
}

/** Register 0x03 decoded to SI units. JSON-ready. */
export interface BasicInfo {
  /** Pack voltage, V. */
  readonly voltage: number;
  /** Current, A; positive while charging, negative while discharging. */
  readonly current: number;
  /** Power, W (voltage × current; same sign as the current). */
  readonly power: number;
  /** Remaining capacity, Ah. */
  readonly remainingCapacity: number;
  /** Nominal (design) capacity, Ah. */
  readonly nominalCapacity: number;
  /** Charge/discharge cycles. */
  readonly cycles: number;
  /** Manufacture date `YYYY-MM-DD`. */
  readonly manufactureDate: string;
  /** Balancing state per cell (cell 1 first), for the reported cell count (at most 32). */
  readonly balancing: readonly boolean[];
  /** The 32 balance bits (cells 1–16 in bits 0–15, cells 17–32 in bits 16–31). */
  readonly balanceRaw: number;
  /** Protection flags by name. */
  readonly protection: Readonly<Record<ProtectionFlag, boolean>>;
  /** The protection flags that are set. */
  readonly protectionActive: readonly ProtectionFlag[];
  /** Protection word as received (bit 15 is reserved). */
  readonly protectionRaw: number;
  /** Software version, `major.minor` from the version byte's nibbles. */
  readonly softwareVersion: string;
  /** The version byte. */
  readonly softwareVersionRaw: number;
  /** State of charge, %. */
  readonly soc: number;
  /** MOSFET and control state. */
  readonly fet: FetStatus;
  /** Number of cells. */
  readonly cellCount: number;
  /** NTC temperatures, °C (a disconnected probe reads around −30 °C). */
  readonly temperatures: readonly number[];
  /** Humidity, % (extended tail only). */
  readonly humidity?: number;
  /** Alarm flags by name (extended tail only). */
  readonly alarm?: Readonly<Record<AlarmFlag, boolean>>;
  /** The alarm flags that are set (extended tail only). */
  readonly alarmActive?: readonly AlarmFlag[];
  /** Alarm word as received (extended tail only). */
  readonly alarmRaw?: number;
  /** Full-charge capacity, Ah (extended tail only). */
  readonly fullChargeCapacity?: number;
  /** Remaining capacity as repeated in the tail, Ah (extended tail only). */
  readonly tailRemainingCapacity?: number;
  /** Balance current word, raw (extended tail only; bit 15's meaning is unknown). */
  readonly balanceCurrentRaw?: number;
  /**
   * The BMS signals "current and capacity in 100 mA / 100 mAh units" (FET bit 7 or humidity 0x88).
   * Not applied automatically (unconfirmed on captures); pass `capacityScale: 10` to apply it.
   */
  readonly coarseUnits: boolean;
}

/** Options for {@link decodeBasicInfo}. */
export interface BasicInfoOptions {
  /** Multiplier for current and capacities when the BMS uses 100 mA / 100 mAh units (default 1). */
  readonly capacityScale?: 1 | 10;
}

/** Bytes of the extended tail. */
export const BASIC_INFO_TAIL_LENGTH = 9;
/** Bytes of the fixed part before the NTC words. */
export const BASIC_INFO_FIXED_LENGTH = 23;

/**
 * Reads register 0x03's payload in wire units. Layout (offsets into the payload): 0 voltage,
 * 2 current (s16), 4 remaining, 6 nominal, 8 cycles, 10 date, 12/14 balance bits, 16 protection,
 * 18 version, 19 RSOC, 20 FET, 21 cells, 22 NTC count N, 23 N × NTC; then, on newer firmware,
 * 23+2N humidity, 24+2N alarm, 26+2N full charge, 28+2N remaining, 30+2N balance current.
 * Tail fields are read only when their bytes are present; no fixed length is assumed.
 *
 * @throws BattError `frame` when the payload is shorter than its own NTC count says.
 */
export function readBasicInfoRaw(payload: Uint8Array): BasicInfoRaw & { readonly tailPartial?: Partial<BasicInfoTailRaw> } {
  if (payload.length < BASIC_INFO_FIXED_LENGTH) {
    throw new BattError("frame", `basic info needs at least ${BASIC_INFO_FIXED_LENGTH} bytes, got ${payload.length}`, { context: { raw: payload } });
  }
  const ntcCount = payload[22]!;
  const end = BASIC_INFO_FIXED_LENGTH + 2 * ntcCount;
  if (payload.length < end) {
    throw new BattError("frame", `basic info with ${ntcCount} NTCs needs ${end} bytes, got ${payload.length}`, { context: { raw: payload } });
  }
  const r = new ByteReader(payload);
  const voltage = r.u16();
  const current = r.s16();
  const remaining = r.u16();
  const nominal = r.u16();
  const cycles = r.u16();
  const date = r.u16();
  const balanceLow = r.u16();
  const balanceHigh = r.u16();
  const protection = r.u16();
  const version = r.u8();
  const rsoc = r.u8();
  const fet = r.u8();
  const cellCount = r.u8();
  r.skip(1);
  const ntc: number[] = [];
  for (let i = 0; i < ntcCount; i++) ntc.push(r.u16());
  const base = { voltage, current, remaining, nominal, cycles, date, balanceLow, balanceHigh, protection, version, rsoc, fet, cellCount, ntc };
  if (r.remaining === 0) return base;
  const partial: { -readonly [K in keyof BasicInfoTailRaw]?: number } = {};
  if (r.remaining >= 1) partial.humidity = r.u8();
  if (r.remaining >= 2) partial.alarm = r.u16();
  if (r.remaining >= 2) partial.fullCharge = r.u16();
  if (r.remaining >= 2) partial.remaining = r.u16();
  if (r.remaining >= 2) partial.balanceCurrent = r.u16();
  const complete = Object.keys(partial).length === 5;
  return complete ? { ...base, tail: partial as BasicInfoTailRaw } : { ...base, tailPartial: partial };
}

/**
 * Decodes register 0x03's payload into SI units (see {@link readBasicInfoRaw} for the layout).
 *
 * @example decodeBasicInfo(payload).current // −20.12 for `F8 24` at offset 2
 */
export function decodeBasicInfo(payload: Uint8Array, options: BasicInfoOptions = {}): BasicInfo {
  const raw = readBasicInfoRaw(payload);
  const scale = options.capacityScale ?? 1;
  const ah = (v: number): number => round((v * scale) / 100, 2);
  const balanceRaw = (raw.balanceLow | (raw.balanceHigh << 16)) >>> 0;
  const voltage = round(raw.voltage / 100, 2);
  const current = round((raw.current * scale) / 100, 2);
  const tail: Partial<BasicInfoTailRaw> = raw.tail ?? raw.tailPartial ?? {};
  const info: BasicInfo = {
    voltage,
    current,
    power: round(voltage * current, 2),
    remainingCapacity: ah(raw.remaining),
    nominalCapacity: ah(raw.nominal),
    cycles: raw.cycles,
    manufactureDate: decodeJbdDate(raw.date),
    balancing: Array.from({ length: Math.min(raw.cellCount, 32) }, (_, i) => ((balanceRaw >>> i) & 1) === 1),
    balanceRaw,
    protection: decodeFlags(raw.protection, PROTECTION_FLAGS),
    protectionActive: activeFlags(raw.protection, PROTECTION_FLAGS),
    protectionRaw: raw.protection,
    softwareVersion: `${raw.version >> 4}.${raw.version & 0x0f}`,
    softwareVersionRaw: raw.version,
    soc: raw.rsoc,
    fet: {
      charge: (raw.fet & 0x01) !== 0,
      discharge: (raw.fet & 0x02) !== 0,
      currentLimit: (raw.fet & 0x04) !== 0,
      heater: (raw.fet & 0x08) !== 0,
      raw: raw.fet,
    },
    cellCount: raw.cellCount,
    temperatures: raw.ntc.map(kelvinTenthsToCelsius),
    coarseUnits: (raw.fet & 0x80) !== 0 || tail.humidity === 0x88,
    ...(tail.humidity !== undefined ? { humidity: tail.humidity } : {}),
    ...(tail.alarm !== undefined
      ? { alarm: decodeFlags(tail.alarm, ALARM_FLAGS), alarmActive: activeFlags(tail.alarm, ALARM_FLAGS), alarmRaw: tail.alarm }
      : {}),
    ...(tail.fullCharge !== undefined ? { fullChargeCapacity: ah(tail.fullCharge) } : {}),
    ...(tail.remaining !== undefined ? { tailRemainingCapacity: ah(tail.remaining) } : {}),
    ...(tail.balanceCurrent !== undefined ? { balanceCurrentRaw: tail.balanceCurrent } : {}),
  };
  return info;
}

/** Builds register 0x03's payload from wire-unit values (the inverse of {@link readBasicInfoRaw}). */
export function encodeBasicInfo(raw: BasicInfoRaw): Uint8Array {
  const w = new ByteWriter(64);
  w.u16(raw.voltage).s16(raw.current).u16(raw.remaining).u16(raw.nominal).u16(raw.cycles).u16(raw.date);
  w.u16(raw.balanceLow).u16(raw.balanceHigh).u16(raw.protection);
  w.u8(raw.version).u8(raw.rsoc).u8(raw.fet).u8(raw.cellCount).u8(raw.ntc.length);
  for (const t of raw.ntc) w.u16(t);
  if (raw.tail) {
    const t = raw.tail;
    w.u8(t.humidity).u16(t.alarm).u16(t.fullCharge).u16(t.remaining).u16(t.balanceCurrent);
  }
  return w.toBytes();
}
