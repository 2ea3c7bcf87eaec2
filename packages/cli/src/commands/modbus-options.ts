import { choiceValue, integerValue, parseInteger, stringValue } from "../args.js";
import type { OptionSpec, OptionValues } from "../command.js";
import { UsageError } from "../exit-codes.js";
import type { ModbusTable } from "../sim/demo-register-map.js";

/** Table names accepted by `--type`, with the words people also use. */
const TABLE_WORDS: Readonly<Record<string, ModbusTable>> = {
  coil: "coil",
  coils: "coil",
  discrete: "discrete",
  "discrete-input": "discrete",
  "discrete-inputs": "discrete",
  holding: "holding",
  "holding-register": "holding",
  "holding-registers": "holding",
  input: "input",
  "input-register": "input",
  "input-registers": "input",
};

/** Read function code of each table (docs/protocols/modbus.md#function-codes). */
export const READ_FUNCTION: Readonly<Record<ModbusTable, number>> = { coil: 0x01, discrete: 0x02, holding: 0x03, input: 0x04 };

/** Plural names for messages and headings. */
export const TABLE_TITLE: Readonly<Record<ModbusTable, string>> = {
  coil: "coils",
  discrete: "discrete inputs",
  holding: "holding registers",
  input: "input registers",
};

/** `--unit`, `--address` shared by read and write. */
export const ADDRESS_OPTIONS: readonly OptionSpec[] = [
  { name: "unit", type: "string", valueName: "ID", description: "slave / unit id", default: "1" },
  { name: "address", type: "string", valueName: "N", description: "first address, zero-based (decimal or 0x hex)", default: "0" },
];

/** `--unit`: 1..247 on a serial bus; 0 (broadcast) only where `broadcast`; up to 255 over Modbus TCP. */
export function unitValue(values: OptionValues, broadcast: boolean): number {
  const unit = integerValue(values, "unit", 0, 255) ?? 1;
  if (unit === 0 && !broadcast) throw new UsageError("--unit 0 is the broadcast address, which never answers; reads need a unit 1..247");
  return unit;
}

/** `--address`. */
export function addressValue(values: OptionValues): number {
  return integerValue(values, "address", 0, 0xffff) ?? 0;
}

/**
 * The table from `--type` and `--function`, which must agree when both are given.
 * `functions` maps the function codes this command accepts to a table.
 */
export function tableValue(values: OptionValues, functions: Readonly<Record<number, ModbusTable>>, fallback: ModbusTable): { table: ModbusTable; functionCode?: number } {
  const typeText = stringValue(values, "type");
  let table: ModbusTable | undefined;
  if (typeText !== undefined) {
    table = TABLE_WORDS[typeText.toLowerCase()];
    if (!table) throw new UsageError(`--type: expected coil, discrete, holding or input, got "${typeText}"`);
  }
  const functionText = stringValue(values, "function");
  if (functionText === undefined) return { table: table ?? fallback };
  const code = parseInteger(functionText, "--function", 1, 0x7f);
  const byFunction = functions[code];
  if (!byFunction) {
    const allowed = Object.keys(functions).map((c) => `0x${Number(c).toString(16).padStart(2, "0")}`);
    throw new UsageError(`--function: expected one of ${allowed.join(", ")}, got "${functionText}"`);
  }
  if (table && table !== byFunction) throw new UsageError(`--function ${functionText} works on ${TABLE_TITLE[byFunction]}, not ${TABLE_TITLE[table]} (--type ${typeText})`);
  return { table: byFunction, functionCode: code };
}

/** `--framing` for `--tcp`: Modbus TCP unless told `rtu`; serial links and simulators always use RTU. */
export function framingValue(values: OptionValues): "rtu" | "tcp" {
  const framing = choiceValue(values, "framing", ["rtu", "tcp"] as const);
  if (framing !== undefined) return framing;
  return values["tcp"] !== undefined ? "tcp" : "rtu";
}

/** `--timeout` and `--retries`. */
export function requestValues(values: OptionValues): { timeoutMs: number; retries: number } {
  return { timeoutMs: integerValue(values, "timeout", 1, 600_000) ?? 1000, retries: integerValue(values, "retries", 0, 100) ?? 0 };
}
