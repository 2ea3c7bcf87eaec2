import { BattError, numberOption, type DevicePlugin } from "@batt/core";
import { VOLTAIC_LINK } from "../constants.js";
import { describeVoltaicFrames } from "../describe-frame.js";
import { VoltaicSimulator } from "../simulator/voltaic-simulator.js";
import { VoltaicController } from "../voltaic-controller.js";
import { VOLTAIC_COMMANDS } from "./commands.js";
import { formatVoltaicReading } from "./format.js";
import { controllerOptions, unitOption } from "./options.js";
import { VoltaicSession } from "./session.js";

/**
 * The `batt voltaic` plugin: Voltaic Systems (Lumiax-family) solar charge controllers on RS-485
 * Modbus RTU, 9600 8N1, address 1 by default.
 */
export const plugin: DevicePlugin = {
  id: "voltaic",
  title: "Voltaic Systems solar charge controller",
  link: VOLTAIC_LINK,
  options: [
    { name: "unit", type: "string", description: "Modbus address of the controller (254 = the 0xFE wildcard)", default: "1" },
    { name: "reply-unit", type: "string", description: "address replies must come from (default: --unit; 'any' with the wildcard)" },
    { name: "timeout", type: "string", description: "reply deadline per request in ms (default 1000)" },
    { name: "gap", type: "string", description: "least time between requests in ms (default 50)" },
    { name: "lvp-min", type: "string", description: "lowest low-voltage protection accepted, V (default 10.0)" },
    { name: "lvp-max", type: "string", description: "highest low-voltage protection accepted, V (default 13.0)" },
    { name: "sim-hour", type: "string", description: "simulator: time of day at the start, hours (default 12)" },
    { name: "sim-speed", type: "string", description: "simulator: simulated seconds per real second (default 1)" },
    { name: "sim-soc", type: "string", description: "simulator: battery state of charge at the start, % (default 80)" },
  ],
  async connect(transport, options) {
    return new VoltaicSession(new VoltaicController(transport, controllerOptions(options)));
  },
  decode(bytes) {
    const frames = describeVoltaicFrames(bytes);
    return frames.length === 1 ? frames[0] : frames;
  },
  format: formatVoltaicReading,
  async simulate(transport, options) {
    const unit = unitOption(options, "unit");
    if (unit === 0xfe) throw new BattError("invalid-argument", "the simulated controller needs its own address, not the 0xFE wildcard");
    const hour = numberOption(options, "sim-hour");
    const soc = numberOption(options, "sim-soc");
    const speed = numberOption(options, "sim-speed") ?? 1;
    const sim = new VoltaicSimulator({
      ...(unit !== undefined ? { unit } : {}),
      ...(hour !== undefined ? { hour } : {}),
      ...(soc !== undefined ? { battery: { soc: soc / 100 } } : {}),
    }).attach(transport);
    sim.start(1000, speed);
    return { stop: () => sim.stop() };
  },
  commands: VOLTAIC_COMMANDS,
};
