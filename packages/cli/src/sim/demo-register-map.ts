/** The four Modbus tables. */
export type ModbusTable = "coil" | "discrete" | "holding" | "input";

/** One point of the demo device's register map. */
export interface DemoPoint {
  /** Which table it lives in. */
  readonly table: ModbusTable;
  /** Zero-based address within the table. */
  readonly address: number;
  /** What it is. */
  readonly name: string;
  /** Engineering unit, if any. */
  readonly unit?: string;
  /** Raw value times `scale` is the value in `unit` (default 1). */
  readonly scale?: number;
  /** Whether the raw register is a signed 16-bit value. */
  readonly signed?: boolean;
  /** Value at power-up (settings and coils). */
  readonly initial?: number;
  /** Lowest and highest raw value a write may set (settings); others get exception 03. */
  readonly range?: readonly [number, number];
}

/**
 * Register map of the simulated battery monitor (a shunt-based monitor for a 12.8 V LiFePO4 bank)
 * behind `batt modbus … --sim` and `batt sim modbus`. Data, not code: the simulator, its range
 * checks and the CLI's annotations all read this table.
 */
export const DEMO_REGISTER_MAP: readonly DemoPoint[] = [
  // Holding registers: settings, kept while the simulator runs.
  { table: "holding", address: 0, name: "battery capacity", unit: "Ah", scale: 0.1, initial: 2000, range: [10, 65000] },
  { table: "holding", address: 1, name: "nominal voltage", unit: "V", scale: 0.01, initial: 1280, range: [600, 6000] },
  { table: "holding", address: 2, name: "charged voltage", unit: "V", scale: 0.01, initial: 1420, range: [600, 6500] },
  { table: "holding", address: 3, name: "tail current", unit: "%", scale: 0.1, initial: 40, range: [5, 100] },
  { table: "holding", address: 4, name: "charged detection time", unit: "min", initial: 3, range: [1, 50] },
  { table: "holding", address: 5, name: "low SOC alarm", unit: "%", initial: 20, range: [0, 99] },
  { table: "holding", address: 6, name: "low voltage alarm", unit: "V", scale: 0.01, initial: 1200, range: [0, 6500] },
  { table: "holding", address: 7, name: "high voltage alarm", unit: "V", scale: 0.01, initial: 1460, range: [0, 6500] },
  { table: "holding", address: 8, name: "shunt rating", unit: "A", initial: 500, range: [1, 10000] },
  { table: "holding", address: 9, name: "shunt output", unit: "mV", initial: 50, range: [10, 100] },
  { table: "holding", address: 10, name: "Peukert exponent", scale: 0.01, initial: 105, range: [100, 150] },
  { table: "holding", address: 11, name: "charge efficiency", unit: "%", initial: 95, range: [50, 100] },
  // Input registers: live values, recomputed on every read.
  { table: "input", address: 0, name: "battery voltage", unit: "V", scale: 0.01 },
  { table: "input", address: 1, name: "current", unit: "A", scale: 0.01, signed: true },
  { table: "input", address: 2, name: "power", unit: "W", signed: true },
  { table: "input", address: 3, name: "state of charge", unit: "%", scale: 0.1 },
  { table: "input", address: 4, name: "consumed", unit: "Ah", scale: 0.1, signed: true },
  { table: "input", address: 5, name: "time to go (65535: charging)", unit: "min" },
  { table: "input", address: 6, name: "temperature", unit: "°C", scale: 0.1, signed: true },
  { table: "input", address: 7, name: "charge cycles" },
  { table: "input", address: 8, name: "alarm flags (1 low V, 2 high V, 4 low SOC)" },
  { table: "input", address: 9, name: "uptime, high word", unit: "s" },
  { table: "input", address: 10, name: "uptime, low word", unit: "s" },
  // Coils: switches a host may set.
  { table: "coil", address: 0, name: "relay on", initial: 0 },
  { table: "coil", address: 1, name: "alarm buzzer enabled", initial: 1 },
  { table: "coil", address: 2, name: "synchronise to 100 % (write 1)", initial: 0 },
  // Discrete inputs: status bits.
  { table: "discrete", address: 0, name: "low voltage alarm" },
  { table: "discrete", address: 1, name: "high voltage alarm" },
  { table: "discrete", address: 2, name: "low SOC alarm" },
  { table: "discrete", address: 3, name: "charging" },
  { table: "discrete", address: 4, name: "discharging" },
  { table: "discrete", address: 5, name: "relay energised" },
];

/** The point at `address` of `table`, if the demo device has one. */
export function demoPoint(table: ModbusTable, address: number): DemoPoint | undefined {
  return DEMO_REGISTER_MAP.find((p) => p.table === table && p.address === address);
}

/** A raw value as a person reads it: `200.0 Ah`, `-3.25 A`, `on`. */
export function describeDemoValue(point: DemoPoint, raw: number): string {
  if (point.table === "coil" || point.table === "discrete") return raw ? "on" : "off";
  const value = point.signed && raw >= 0x8000 ? raw - 0x10000 : raw;
  const scale = point.scale ?? 1;
  const decimals = scale >= 1 ? 0 : Math.round(-Math.log10(scale));
  return `${(value * scale).toFixed(decimals)}${point.unit ? ` ${point.unit}` : ""}`;
}
