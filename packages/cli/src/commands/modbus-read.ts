import { ModbusLimits } from "@batt/modbus-rtu";
import { setTimeout as sleep } from "node:timers/promises";
import { choiceValue, integerValue, stringValue } from "../args.js";
import type { CommandNode } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { JSON_OPTION, linkOptions, REQUEST_OPTIONS } from "../link-options.js";
import { formatTable } from "../output.js";
import { demoPoint, describeDemoValue, type ModbusTable } from "../sim/demo-register-map.js";
import { decodeRegisters, MODBUS_DATA_TYPES, registersPerValue, type RegisterLayout } from "../modbus-values.js";
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
    {
      name: "data-type",
      type: "string",
      valueName: "int16|uint16|int32|uint32|float32",
      description: "read registers as numbers of this type (--count values)",
    },
    { name: "word-order", type: "string", valueName: "big|little", description: "32-bit values: big = high word in the first register", defaultText: "big" },
    { name: "byte-order", type: "string", valueName: "big|little", description: "little = bytes swapped in each register", defaultText: "big" },
    { name: "scale", type: "string", valueName: "FACTOR", description: "multiply each value by FACTOR (0.1 for tenths)" },
    { name: "interval", type: "string", valueName: "MS", description: "poll again every MS until Ctrl-C (or --polls)" },
    { name: "polls", type: "string", valueName: "N", description: "with --interval: stop after N polls" },
    JSON_OPTION,
    ...linkOptions({ baudDefault: 9600, modbus: true }),
    ...REQUEST_OPTIONS,
  ],
  examples: [
    "batt modbus read --sim --unit 1 --address 0 --count 10",
    "batt modbus read --port /dev/ttyUSB0 --baud 19200 --parity even --type input --address 0x100 --count 4",
    "batt modbus read --tcp 192.0.2.10:502 --type coil --count 16 --json",
    "batt modbus read --sim --address 0 --count 2 --data-type int16 --scale 0.01 --interval 1000",
    "batt modbus read --tcp 192.0.2.10:502 --type input --data-type float32 --word-order little --count 4",
  ],
  async run(context) {
    const { values, out } = context;
    const unit = unitValue(values, false);
    const address = addressValue(values);
    const { table } = tableValue(values, READ_FUNCTIONS, "holding");
    const bits = table === "coil" || table === "discrete";
    const max = bits ? ModbusLimits.readBits : ModbusLimits.readRegisters;
    const dataType = choiceValue(values, "data-type", MODBUS_DATA_TYPES);
    if (bits && dataType !== undefined) throw new UsageError(`--data-type applies to registers, not to ${table}s`);
    const layout: RegisterLayout | undefined = dataType && {
      type: dataType,
      wordOrder: choiceValue(values, "word-order", ["big", "little"] as const) ?? "big",
      byteOrder: choiceValue(values, "byte-order", ["big", "little"] as const) ?? "big",
    };
    const scaleText = stringValue(values, "scale");
    const scale = scaleText === undefined ? undefined : Number(scaleText);
    if (scale !== undefined && !Number.isFinite(scale)) throw new UsageError(`--scale: expected a number, got "${scaleText}"`);
    const interval = integerValue(values, "interval", 0, 86_400_000);
    const polls = integerValue(values, "polls", 1, Number.MAX_SAFE_INTEGER);
    const perValue = layout ? registersPerValue(layout.type) : 1;
    const count = (integerValue(values, "count", 1, Math.floor(max / perValue)) ?? 1) * perValue;
    if (address + count > 0x10000) throw new UsageError(`--address ${address} with --count ${count} runs past address 65535`);

    let last: readonly (number | boolean)[] | undefined;
    await withModbusClient(context, async (client) => {
      const once = async (): Promise<readonly (number | boolean)[]> => {
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
      };
      for (let n = 1; polls === undefined || n <= polls; n++) {
        if (n > 1) await sleep(interval ?? 0, undefined, { signal: context.signal });
        const result = await once();
        if (interval !== undefined && values["json"] !== true) out.print(`# ${new Date().toISOString()} poll ${n}`);
        // A single read is printed once the link has closed: a replay that did not play out prints nothing.
        if (interval === undefined) {
          last = result;
          break;
        }
        print(result);
      }
    });

    if (last) print(last);

    function print(result: readonly (number | boolean)[]): void {
      const raw = result.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));
      if (layout || scale !== undefined) {
        const numbers = (layout ? decodeRegisters(raw, layout) : raw).map((v) => (scale === undefined ? v : Number((v * scale).toPrecision(12))));
        if (values["json"] === true) {
          out.json({
            unit,
            type: table,
            function: READ_FUNCTION[table],
            address,
            count,
            dataType: layout?.type ?? "uint16",
            ...(scale !== undefined ? { scale } : {}),
            registers: result,
            values: numbers,
          });
          return;
        }
        const rows = numbers.map((v, i) => {
          const words = raw.slice(i * perValue, (i + 1) * perValue).map((w) => w.toString(16).padStart(4, "0"));
          return [String(address + i * perValue), `0x${words.join(" ")}`, String(v)];
        });
        out.print(
          formatTable(["address", "registers", `${layout?.type ?? "uint16"}${scale !== undefined ? ` × ${scale}` : ""}`], rows, ["right", "left", "right"])
        );
        return;
      }

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
    }
  },
};
