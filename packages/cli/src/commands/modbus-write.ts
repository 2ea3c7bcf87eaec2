import { ModbusLimits } from "@batt/modbus-rtu";
import { parseInteger } from "../args.js";
import type { CommandNode } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { JSON_OPTION, linkOptions, REQUEST_OPTIONS } from "../link-options.js";
import type { ModbusTable } from "../sim/demo-register-map.js";
import { withModbusClient } from "./modbus-session.js";
import { ADDRESS_OPTIONS, addressValue, TABLE_TITLE, tableValue, unitValue } from "./modbus-options.js";

const WRITE_FUNCTIONS: Readonly<Record<number, ModbusTable>> = { 5: "coil", 6: "holding", 15: "coil", 16: "holding" };

/** A coil value as people write it. */
function parseBit(text: string): boolean {
  const word = text.toLowerCase();
  if (["1", "on", "true"].includes(word)) return true;
  if (["0", "off", "false"].includes(word)) return false;
  throw new UsageError(`coil value: expected 1/0, on/off or true/false, got "${text}"`);
}

/** A register value: 0..65535, or -32768..-1 written as its two's complement. */
function parseRegister(text: string): number {
  const value = parseInteger(text, "register value", -0x8000, 0xffff);
  return value < 0 ? value + 0x10000 : value;
}

/**
 * `batt modbus write`: writes coils (0x05 / 0x0F) or holding registers (0x06 / 0x10). One value
 * uses the single-write function unless `--multiple`; several values always use the multiple one.
 * Like every command that changes a device it needs `--yes`; without it nothing is sent (exit 2).
 */
export const modbusWriteCommand: CommandNode = {
  kind: "command",
  name: "write",
  summary: "write coils or holding registers (changes the device; needs --yes)",
  description:
    "Writes values to consecutive coils or holding registers from --address; it changes the device, so it needs --yes. One value is sent with 0x05 (coil) or 0x06 (register), several with 0x0F or 0x10; --multiple forces 0x0F/0x10 for one value. Register values are 0..65535 (decimal or 0x hex) or -32768..-1; coil values are 1/0, on/off or true/false.",
  usage: "<value…>",
  positionals: { min: 1, max: ModbusLimits.writeCoils },
  options: [
    ...ADDRESS_OPTIONS,
    { name: "type", type: "string", valueName: "TABLE", description: "coil or holding", defaultText: "holding" },
    { name: "function", type: "string", valueName: "CODE", description: "function code 5, 6, 15 or 16 instead of --type" },
    { name: "multiple", type: "boolean", description: "use 0x0F / 0x10 even for one value" },
    { name: "yes", type: "boolean", description: "confirm a command that changes the device" },
    JSON_OPTION,
    ...linkOptions({ baudDefault: 9600, modbus: true }),
    ...REQUEST_OPTIONS,
  ],
  examples: [
    "batt modbus write --sim --address 5 25 --yes",
    "batt modbus write --port /dev/ttyUSB0 --unit 3 --address 0x10 100 200 300 --yes",
    "batt modbus write --sim --type coil --address 0 on --yes",
  ],
  async run(context) {
    const { values, out, positionals } = context;
    const unit = unitValue(values, true);
    const address = addressValue(values);
    const { table, functionCode } = tableValue(values, WRITE_FUNCTIONS, "holding");
    if (table !== "coil" && table !== "holding") throw new UsageError(`${TABLE_TITLE[table]} are read-only; write coils or holding registers`);
    const single = functionCode === 5 || functionCode === 6;
    const multiple = values["multiple"] === true || positionals.length > 1 || functionCode === 15 || functionCode === 16;
    if (single && multiple) throw new UsageError(`--function ${functionCode} writes exactly one value`);
    const max = table === "coil" ? ModbusLimits.writeCoils : ModbusLimits.writeRegisters;
    if (positionals.length > max) throw new UsageError(`at most ${max} ${TABLE_TITLE[table]} per write, got ${positionals.length}`);
    if (address + positionals.length > 0x10000) throw new UsageError(`--address ${address} with ${positionals.length} values runs past address 65535`);

    const bits = table === "coil" ? positionals.map(parseBit) : [];
    const words = table === "holding" ? positionals.map(parseRegister) : [];
    const code = table === "coil" ? (multiple ? 0x0f : 0x05) : multiple ? 0x10 : 0x06;
    if (values["yes"] !== true) {
      const asked = ["batt", ...context.argv].join(" ");
      throw new UsageError(`"${asked}" would change the device: write ${positionals.length === 1 ? TABLE_TITLE[table].replace(/s$/, "") : `${positionals.length} ${TABLE_TITLE[table]}`} at ${address} of unit ${unit}. Nothing was sent; add --yes to go ahead.`);
    }

    await withModbusClient(context, async (client) => {
      if (code === 0x05) await client.writeSingleCoil(unit, address, bits[0]!, { signal: context.signal });
      else if (code === 0x0f) await client.writeMultipleCoils(unit, address, bits, { signal: context.signal });
      else if (code === 0x06) await client.writeSingleRegister(unit, address, words[0]!, { signal: context.signal });
      else await client.writeMultipleRegisters(unit, address, words, { signal: context.signal });
    });

    const written = table === "coil" ? bits : words;
    if (values["json"] === true) {
      out.json({ unit, type: table, function: code, address, count: written.length, values: written });
      return;
    }
    const last = address + written.length - 1;
    const where = written.length === 1 ? `at ${address}` : `at ${address}..${last}`;
    out.print(`wrote ${written.length} ${written.length === 1 ? TABLE_TITLE[table].replace(/s$/, "") : TABLE_TITLE[table]} ${where} of unit ${unit} (function 0x${code.toString(16).padStart(2, "0")})`);
  },
};
