import { BattError } from "@batt/core";
import type { JbdClient } from "./client.js";
import { JbdStatus } from "./constants.js";
import { withFactoryMode, type FactoryModeOptions } from "./factory-mode.js";
import { decodeSetting } from "./settings/convert.js";
import { settingsAt } from "./settings/table.js";
import type { SettingValue } from "./settings/types.js";
import { hasJbdStatus } from "./status.js";

/** Register of the V11 numbered-parameter protocol (docs/protocols/jbd.md#parameter-protocol-0xfa). */
export const JBD_PARAMETER_REGISTER = 0xfa;
/** Most parameters one 0xFA read may ask for. */
export const JBD_MAX_PARAMETERS_PER_READ = 95;
/** Parameter numbers below this are the EEPROM register minus 0x10 (0 design capacity, 20 cell overvoltage, …). */
export const JBD_LEGACY_PARAMETER_COUNT = 40;

/** Names of the numbered parameters beyond the legacy block, by first number (docs/protocols/jbd.md#parameter-protocol-0xfa). */
export const JBD_PARAMETER_NAMES: readonly { readonly first: number; readonly count: number; readonly name: string }[] = [
  { first: 56, count: 16, name: "manufacturer" },
  { first: 72, count: 16, name: "bms_code" },
  { first: 88, count: 16, name: "barcode" },
  { first: 104, count: 1, name: "gps_voltage" },
  { first: 106, count: 1, name: "cap_90" },
  { first: 107, count: 1, name: "cap_70" },
  { first: 108, count: 1, name: "cap_50" },
  { first: 109, count: 1, name: "cap_30" },
  { first: 110, count: 1, name: "cap_10" },
  { first: 111, count: 1, name: "cap_100" },
  { first: 112, count: 1, name: "learned_capacity" },
  { first: 122, count: 1, name: "sleep_time" },
  { first: 158, count: 12, name: "battery_model" },
  { first: 170, count: 6, name: "unique_id" },
  { first: 176, count: 8, name: "hardware_name" },
];

/** One numbered parameter as read: its raw word and, where the number is known, a name and a value. */
export interface JbdParameter {
  /** Parameter number. */
  readonly number: number;
  /** The word on the wire. */
  readonly raw: number;
  /** The setting names it holds (legacy block) or the parameter's name. */
  readonly name?: string;
  /** Values in user units, by setting name (legacy block only, as the EEPROM setting of register number + 0x10). */
  readonly values?: Readonly<Record<string, SettingValue>>;
}

function checkRange(first: number, count: number, max: number): void {
  if (!Number.isInteger(first) || first < 0 || first > 0xffff) throw new BattError("invalid-argument", `parameter number must be 0..65535: ${first}`);
  if (!Number.isInteger(count) || count < 1 || count > max) throw new BattError("invalid-argument", `parameter count must be 1..${max}: ${count}`);
  if (first + count - 1 > 0xffff) throw new BattError("invalid-argument", `parameters ${first}..${first + count - 1} run past 65535`);
}

/** Payload of a 0xFA read: `<first u16> <count>` (`00 01 02` reads parameters 1 and 2). */
export function parameterReadData(first: number, count: number): Uint8Array {
  checkRange(first, count, JBD_MAX_PARAMETERS_PER_READ);
  return Uint8Array.of(first >> 8, first & 0xff, count);
}

/** Payload of a 0xFA write: `<first u16> <count> <count × u16>`. */
export function parameterWriteData(first: number, words: readonly number[]): Uint8Array {
  checkRange(first, words.length, 126);
  const out = new Uint8Array(3 + 2 * words.length);
  out.set([first >> 8, first & 0xff, words.length]);
  words.forEach((w, i) => {
    if (!Number.isInteger(w) || w < 0 || w > 0xffff) throw new BattError("invalid-argument", `parameter ${first + i}: a word is 0..65535, got ${w}`);
    out[3 + 2 * i] = w >> 8;
    out[4 + 2 * i] = w & 0xff;
  });
  return out;
}

/**
 * Decodes the payload of a 0xFA reply to the words asked for, after checking its length (3 + 2n) and
 * that it echoes the first number and count of the request.
 *
 * @throws BattError `frame` when the reply does not fit the request.
 */
export function decodeParameterReply(data: Uint8Array, first: number, count: number): number[] {
  if (data.length < 3) throw new BattError("frame", `0xFA reply of ${data.length} bytes, expected at least 3`, { context: { raw: data } });
  const echoFirst = (data[0]! << 8) | data[1]!;
  const echoCount = data[2]!;
  if (data.length !== 3 + 2 * echoCount) throw new BattError("frame", `0xFA reply of ${data.length} bytes for ${echoCount} parameters`, { context: { raw: data } });
  if (echoFirst !== first || echoCount !== count) {
    throw new BattError("frame", `0xFA reply holds parameters ${echoFirst}+${echoCount}, asked for ${first}+${count}`, { context: { raw: data } });
  }
  return Array.from({ length: count }, (_, i) => (data[3 + 2 * i]! << 8) | data[4 + 2 * i]!);
}

/** A parameter with its name and, in the legacy block, its values as EEPROM settings. */
export function describeParameter(number: number, raw: number): JbdParameter {
  if (number < JBD_LEGACY_PARAMETER_COUNT) {
    const defs = settingsAt(number + 0x10).filter((d) => d.kind !== "string");
    if (defs.length === 0) return { number, raw };
    return { number, raw, name: defs.map((d) => d.name).join(", "), values: Object.fromEntries(defs.map((d) => [d.name, decodeSetting(d, raw)])) };
  }
  const named = JBD_PARAMETER_NAMES.find((p) => number >= p.first && number < p.first + p.count);
  if (!named) return { number, raw };
  return { number, raw, name: named.count === 1 ? named.name : `${named.name}[${number - named.first}]` };
}

/** Reads `count` parameters from `first` (factory mode must be active, or not needed by the firmware); longer runs are split. */
export async function readParameterWords(client: JbdClient, first: number, count: number, signal?: AbortSignal): Promise<number[]> {
  checkRange(first, count, 0x10000 - first);
  const words: number[] = [];
  for (let at = first; at < first + count; at += JBD_MAX_PARAMETERS_PER_READ) {
    const n = Math.min(JBD_MAX_PARAMETERS_PER_READ, first + count - at);
    words.push(...decodeParameterReply(await client.readWith(JBD_PARAMETER_REGISTER, parameterReadData(at, n), signal), at, n));
  }
  return words;
}

/**
 * Whether the BMS speaks the parameter protocol: reads parameter 0 (design capacity) in factory
 * mode; status 0x80 (unknown register) means it does not.
 */
export async function detectParameterProtocol(client: JbdClient, options: FactoryModeOptions = {}): Promise<boolean> {
  try {
    await withFactoryMode(client, options, () => readParameterWords(client, 0, 1, options.signal));
    return true;
  } catch (error) {
    if (hasJbdStatus(error, JbdStatus.UnknownRegister)) return false;
    throw error;
  }
}

/** Reads parameters in one factory-mode session, described ({@link describeParameter}). */
export async function readParameters(client: JbdClient, first: number, count: number, options: FactoryModeOptions = {}): Promise<JbdParameter[]> {
  const words = await withFactoryMode(client, options, () => readParameterWords(client, first, count, options.signal));
  return words.map((w, i) => describeParameter(first + i, w));
}

/**
 * Writes consecutive parameters from `first` with the settings-write safety: inside factory mode,
 * read back after the write, saved (`28 28`) only when the read-back matches; any failure leaves
 * with the plain exit. Returns the words before and after.
 *
 * @throws BattError `invalid-argument` (nothing sent), `verify-failed`, `device-exception`, link errors.
 */
export async function writeParameters(
  client: JbdClient,
  first: number,
  words: readonly number[],
  options: FactoryModeOptions & { readonly save?: boolean } = {},
): Promise<{ readonly before: readonly number[]; readonly after: readonly number[]; readonly saved: boolean }> {
  const data = parameterWriteData(first, words);
  return withFactoryMode(client, options, async (scope) => {
    const before = await readParameterWords(client, first, words.length, options.signal);
    await client.write(JBD_PARAMETER_REGISTER, data, options.signal);
    const after = await readParameterWords(client, first, words.length, options.signal);
    const wrong = after.findIndex((w, i) => w !== words[i]);
    if (wrong >= 0) {
      throw new BattError("verify-failed", `parameter ${first + wrong} reads back ${after[wrong]} after writing ${words[wrong]}`, {
        context: { parameter: first + wrong, expected: words[wrong], actual: after[wrong] },
      });
    }
    scope.save = options.save ?? true;
    return { before, after, saved: scope.save };
  });
}
