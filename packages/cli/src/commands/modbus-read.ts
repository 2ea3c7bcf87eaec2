import { ModbusLimits } from "@batt/modbus-rtu";
import { integerValue } from "../args.js";
import type { CommandNode } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { JSON_OPTION, linkOptions, REQUEST_OPTIONS } from "../link-options.js";
import { formatTable } from "../output.js";
import { demoPoint, describeDemoValue, type ModbusTable } from "../sim/demo-register-map.js";
import { withModbusClient } from "./modbus-session.js";
import { ADDRESS_OPTIONS, addressValue, READ_FUNCTION, TABLE_TITLE, tableValue, unitValue } from "./modbus-options.js";

const READ_FUNCTIONS: Readonly<Record<number, ModbusTable>> = { 1: "coil", 2: "discrete", 3: "holding", 4: "input" };

/** `batt modbus read`: reads coils, discrete inputs, holding or input registers and prints a table or JSON. */
export const modbusReadCommand: CommandNode = {
  kind: "command",
  name: "read",
  summary: "read coils, discrete inputs, holding or input registers",
  description:
    "Reads a block of one table of a Modbus device (function 0x01, 0x02, 0x03 or 0x04) and prints address, hex and decimal per register, or address and value per bit.",
  options: [
    ...ADDRESS_OPTIONS,
    { name: "count", type: "string", valueName: "N", description: "how many to read (registers 1..125, bits 1..2000)", default: "1" },
    { name: "type", type: "string", valueName: "TABLE", description: "coil, discrete, holding or input", defaultText: "holding" },
    { name: "function", type: "string", valueName: "CODE", description: "function code 1..4 instead of --type" },
    JSON_OPTION,
    ...linkOptions({ baudDefault: 9600, modbus: true }),
    ...REQUEST_OPTIONS,
  ],
  examples: [
    "batt modbus read --sim --unit 1 --address 0 --count 10",
    "batt modbus read --port /dev/ttyUSB0 --baud 19200 --parity even --type input --address 0x100 --count 4",
    "batt modbus read --tcp 192.0.2.10:502 --type coil --count 16 --json",
  ],
  async run(context) {
    const { values, out } = context;
    const unit = unitValue(values, false);
    const address = addressValue(values);
    const { table } = tableValue(values, READ_FUNCTIONS, "holding");
    const bits = table === "coil" || table === "discrete";
    const max = bits ? ModbusLimits.readBits : ModbusLimits.readRegisters;
    const count = integerValue(values, "count", 1, max) ?? 1;
    if (address + count > 0x10000) throw new UsageError(`--address ${address} with --count ${count} runs past address 65535`);

    const result = await withModbusClient(context, async (client) => {
      const options = { signal: context.signal };
      switch (table) {
        case "coil":
          return client.readCoils(unit, address, count, options);
        case "discrete":
          return client.readDiscreteInputs(unit, address, count, options);
        case "holding":
          return client.readHoldingRegisters(unit, address, count, options);
        case "input":
          return client.readInputRegisters(unit, address, count, options);
      }
    });
    const raw = result.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));

    if (values["json"] === true) {
      out.json({ unit, type: table, function: READ_FUNCTION[table], address, count, values: result });
      return;
    }
    // With --sim the CLI knows the device, so it says what each register means.
    const annotate = values["sim"] === true;
    const rows = raw.map((value, i) => {
      const point = annotate ? demoPoint(table, address + i) : undefined;
      const meaning = point ? `${point.name}: ${describeDemoValue(point, value)}` : "";
      const cells = bits ? [String(address + i), String(value)] : [String(address + i), `0x${value.toString(16).padStart(4, "0")}`, String(value)];
      return annotate ? [...cells, meaning] : cells;
    });
    const header = bits ? ["address", "value"] : ["address", "hex", "decimal"];
    const align = bits ? (["right", "right"] as const) : (["right", "left", "right"] as const);
    if (annotate) out.note(`${TABLE_TITLE[table]} ${address}..${address + count - 1} of unit ${unit} (simulated battery monitor)`);
    out.print(formatTable(annotate ? [...header, "meaning"] : header, rows, [...align]));
  },
};
