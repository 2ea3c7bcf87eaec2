import type { DeviceSettings } from "../device/device-settings.js";
import type { DevicePlugin, DeviceSession, PluginOptionValues } from "../device-plugin.js";
import { createMemoryLink } from "../memory-transport.js";
import type { DeviceReading } from "../model/device-reading.js";
import { MEASUREMENT_KINDS } from "../model/measurement-kinds.js";
import { settingsContract } from "./settings-contract.js";
import type { ContractCase } from "./transport-contract.js";

/** Options of {@link devicePluginContract}. */
export interface DevicePluginContractOptions {
  /** Option values for the simulator and the session (`{ protocol: "pb" }`). */
  readonly options?: PluginOptionValues;
  /** Batteries a reading must have at least (default: 1 for a BMS, charger or solar controller, else 0). */
  readonly minBatteries?: number;
  /** The session has `settings`: check them too ({@link settingsContract}; one value is written back unchanged). */
  readonly settings?: boolean;
}

/** Device categories that watch a battery, so their readings must carry a battery summary. */
const BATTERY_CATEGORIES: ReadonlySet<string> = new Set(["bms", "charger", "solar-controller"]);

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Runs `body` on a session of `plugin` connected to its own simulator, and closes both whatever happens. */
async function withSimulatorSession<T>(plugin: DevicePlugin, options: PluginOptionValues, body: (session: DeviceSession) => Promise<T>): Promise<T> {
  check(plugin.simulate !== undefined, `${plugin.id} has no simulator`);
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const sim = await plugin.simulate(device, options);
  try {
    const session = await plugin.connect(host, options);
    try {
      return await body(session);
    } finally {
      await session.close();
    }
  } finally {
    await sim.stop();
    await Promise.all([host.close(), device.close()]);
  }
}

function readFromSimulator(plugin: DevicePlugin, options: PluginOptionValues): Promise<DeviceReading<unknown>> {
  return withSimulatorSession(plugin, options, (session) => session.read());
}

function withSimulatorSettings(plugin: DevicePlugin, options: PluginOptionValues, body: (settings: DeviceSettings) => Promise<void>): Promise<void> {
  return withSimulatorSession(plugin, options, (session) => {
    check(session.settings !== undefined, `${plugin.id}: the session has settings`);
    return body(session.settings);
  });
}

function checkMeasurements(reading: DeviceReading<unknown>): void {
  check(reading.measurements.length > 0, "a reading has measurements");
  const keys = new Set<string>();
  for (const m of reading.measurements) {
    check(/^[a-z][a-z0-9_]*$/.test(m.key), `key "${m.key}" is lower case, digits and _`);
    check(!keys.has(m.key), `key "${m.key}" is unique`);
    keys.add(m.key);
    check(typeof m.name === "string" && m.name.length > 0, `${m.key} has a name`);
    const kind = MEASUREMENT_KINDS[m.kind];
    check(kind !== undefined, `${m.key}: kind "${m.kind}" is a known kind`);
    check(m.unit === kind.unit, `${m.key}: unit ${String(m.unit)} is the ${m.kind} unit ${String(kind.unit)}`);
    if (m.value === null) continue;
    check(typeof m.value === kind.value, `${m.key}: a ${m.kind} value is a ${kind.value}, got ${typeof m.value}`);
    if (typeof m.value === "number") check(Number.isFinite(m.value), `${m.key}: ${m.value} is finite`);
    if (m.kind === "enum" && m.options) check(m.options.includes(String(m.value)), `${m.key}: "${String(m.value)}" is one of its options`);
  }
}

function checkBatteries(reading: DeviceReading<unknown>, min: number): void {
  check(reading.batteries.length >= min, `at least ${min} battery summary(ies), got ${reading.batteries.length}`);
  const ids = new Set<string>();
  for (const b of reading.batteries) {
    check(!ids.has(b.id), `battery id ${b.id} is unique`);
    ids.add(b.id);
    for (const [name, value] of [["voltage", b.voltage], ["current", b.current], ["power", b.power]] as const) {
      check(Number.isFinite(value), `${b.id}.${name} ${value} is finite`);
    }
    check(b.voltage >= 0 && b.voltage < 1000, `${b.id}.voltage ${b.voltage} V is plausible`);
    // Power is voltage times current; allow rounding in the device's own figures.
    check(Math.abs(b.power - b.voltage * b.current) <= Math.max(0.5, Math.abs(b.voltage * b.current) * 0.05), `${b.id}.power ${b.power} W ≈ ${b.voltage} V × ${b.current} A`);
    check(b.soc === null || (b.soc >= 0 && b.soc <= 100), `${b.id}.soc ${String(b.soc)} is a percentage`);
    for (const v of b.cellVoltages) check(Number.isFinite(v) && v >= 0 && v < 6, `${b.id} cell voltage ${v} V is plausible`);
    for (const t of b.temperatures) check(Number.isFinite(t) && t > -60 && t < 150, `${b.id} temperature ${t} °C is plausible`);
    for (const a of b.alarms) check(/^[a-z0-9-]+$/.test(a.id) && a.name.length > 0, `${b.id} alarm ${a.id} has a stable id and a name`);
  }
}

/** Fails on anything JSON would change or drop: typed arrays, maps, dates, functions, `undefined`, NaN. */
function checkPlain(value: unknown, path: string): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") return check(Number.isFinite(value), `${path} is a finite number, got ${value}`);
  check(typeof value === "object", `${path} is JSON data, got ${typeof value}`);
  if (Array.isArray(value)) return value.forEach((v, i) => checkPlain(v, `${path}[${i}]`));
  const proto = Object.getPrototypeOf(value) as unknown;
  check(proto === Object.prototype || proto === null, `${path} is a plain object (typed arrays, maps and dates do not survive JSON)`);
  for (const [k, v] of Object.entries(value)) {
    check(v !== undefined, `${path}.${k} is not undefined`);
    checkPlain(v, `${path}.${k}`);
  }
}

/**
 * What every device plugin promises, checked on a reading from its own simulator over an in-memory
 * link: the shared envelope, measurements in SI units only, battery summaries where a battery
 * exists, JSON that survives a round trip; with `settings`, the session's settings too. Run the
 * same list against every plugin.
 *
 * @example
 * ```ts
 * for (const c of devicePluginContract(plugin)) it(c.name, c.run);
 * ```
 */
export function devicePluginContract(plugin: DevicePlugin, contract: DevicePluginContractOptions = {}): ContractCase[] {
  const options = contract.options ?? {};
  const min = contract.minBatteries ?? (BATTERY_CATEGORIES.has(plugin.category) ? 1 : 0);
  const read = (): Promise<DeviceReading<unknown>> => readFromSimulator(plugin, options);
  return [
    {
      name: "a reading has the shared envelope: ISO time, the device's identity, measurements, batteries, details",
      run: async () => {
        const r = await read();
        check(typeof r.time === "string" && new Date(r.time).toISOString() === r.time, `time ${r.time} is ISO 8601 UTC`);
        check(r.device.driver === plugin.id, `device.driver ${r.device.driver} is the plugin id ${plugin.id}`);
        check(r.device.category === plugin.category, `device.category ${r.device.category} is ${plugin.category}`);
        check(Array.isArray(r.measurements) && Array.isArray(r.batteries), "measurements and batteries are arrays");
        check(typeof r.reading === "object" && r.reading !== null, "reading holds the device's details");
      },
    },
    { name: "measurements are described, unique and in SI units only", run: async () => checkMeasurements(await read()) },
    { name: `battery summaries are complete and plausible (at least ${min})`, run: async () => checkBatteries(await read(), min) },
    {
      name: "the reading survives JSON unchanged",
      run: async () => {
        const r = await read();
        checkPlain(r, "reading");
        const text = JSON.stringify(r);
        check(JSON.stringify(JSON.parse(text)) === text, "JSON round trip is stable");
      },
    },
    ...(contract.settings ? settingsContract((body) => withSimulatorSettings(plugin, options, body)) : []),
  ];
}
