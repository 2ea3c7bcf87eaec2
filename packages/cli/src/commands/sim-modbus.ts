import { SerialPortTransport } from "@batt/transport-node";
import { integerValue, stringValue } from "../args.js";
import type { CommandNode } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { serialSettings } from "../link.js";
import { createDemoDevice } from "../sim/demo-modbus-device.js";
import { simPortOptions } from "./device-sim.js";
import { serveUntilAborted, tapped } from "./serve.js";

/** `batt sim modbus --port PATH`: serves the simulated battery monitor on a serial port until Ctrl-C. */
export const simModbusCommand: CommandNode = {
  kind: "command",
  name: "modbus",
  summary: "simulate a Modbus RTU battery monitor on a serial port",
  description:
    "Answers Modbus RTU requests as a simulated battery monitor (the device behind `batt modbus … --sim`) on --port until Ctrl-C. Holding registers 0..11 are settings, input registers 0..10 live values, coils 0..2 switches, discrete inputs 0..5 status bits.",
  options: [{ name: "unit", type: "string", valueName: "ID", description: "unit id to answer", default: "1" }, ...simPortOptions(9600)],
  examples: ["socat -d -d pty,raw,echo=0 pty,raw,echo=0   # prints two paths, A and B", "batt sim modbus --port A", "batt modbus read --port B --type input --count 11"],
  async run(context) {
    const path = stringValue(context.values, "port");
    if (path === undefined) throw new UsageError("--port PATH is required");
    const unit = integerValue(context.values, "unit", 1, 247) ?? 1;
    const transport = tapped(context, new SerialPortTransport({ path, ...serialSettings(context.values) }));
    await transport.open();
    try {
      const handle = createDemoDevice({ unit }).serve(transport);
      return await serveUntilAborted(context, `simulated battery monitor (unit ${unit}) on ${transport.info.description ?? path}`, () => handle.stop());
    } finally {
      await transport.close();
    }
  },
};
