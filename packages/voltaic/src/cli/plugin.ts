import { BattError, linkPluginOptions, numberOption, type DevicePlugin } from "@batt/core";
import { VOLTAIC_LINK_DEFAULTS } from "../constants.js";
import { describeVoltaicFrames } from "../describe-frame.js";
import type { VoltaicReading } from "../reading.js";
import { VoltaicSimulator } from "../simulator/voltaic-simulator.js";
import { VoltaicController } from "../voltaic-controller.js";
import { VOLTAIC_COMMANDS } from "./commands.js";
import { info } from "./info.js";
import { addressOption, controllerOptions, VOLTAIC_DEVICE_OPTIONS } from "./options.js";
import { VoltaicSession } from "./session.js";

/**
 * The `batt voltaic` plugin: Voltaic Systems (Lumiax-family) solar charge controllers on RS-485
 * Modbus RTU, 9600 8N1, address 1 by default.
 */
export const plugin: DevicePlugin<VoltaicReading> = {
  ...info,
  options: [
    ...linkPluginOptions(VOLTAIC_LINK_DEFAULTS),
    ...VOLTAIC_DEVICE_OPTIONS,
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
  async simulate(transport, options) {
    const address = addressOption(options, "address");
    if (address === 0xfe) throw new BattError("invalid-argument", "the simulated controller needs its own address, not the 0xFE wildcard");
    const hour = numberOption(options, "sim-hour");
    const soc = numberOption(options, "sim-soc", { min: 0, max: 100 });
    const speed = numberOption(options, "sim-speed") ?? 1;
    const sim = new VoltaicSimulator({
      ...(address !== undefined ? { address } : {}),
      ...(hour !== undefined ? { hour } : {}),
      ...(soc !== undefined ? { battery: { soc } } : {}),
    }).attach(transport);
    sim.start(1000, speed);
    return { stop: () => sim.stop() };
  },
  commands: VOLTAIC_COMMANDS,
};
