import type { DevicePlugin, PluginOptionValues, SimulatorHandle, Transport } from "@batt/core";
import { JK_BAUD_RATE } from "../constants.js";
import { JkPbSimulator } from "../simulator/pb/jk-pb-simulator.js";
import { JkSimulator } from "../simulator/jk-simulator.js";
import { addressesOf, JK_CLI_OPTIONS, pacingOf, protocolOf, temperatureRuleOf } from "./cli-options.js";
import { JK_COMMANDS } from "./commands.js";
import { decodeCapture } from "./decode-capture.js";
import { formatReading } from "./format-reading.js";
import { Jk4e57Session } from "./session-4e57.js";
import { JkPbSession } from "./session-pb.js";

/** Load of the command-line simulator: a gentle discharge, so readings change. */
const SIMULATED_LOAD_A = -8;

/**
 * The `jk` device of the `batt` command: JK-B/JK-BD BMS over 4E57 (default) or JK-PB packs over
 * Modbus RTU (`--protocol pb --address 1,2`), at 115200 8N1.
 */
export const plugin: DevicePlugin = {
  id: "jk",
  title: "JK BMS",
  link: { kind: "serial", baudRate: JK_BAUD_RATE, dataBits: 8, parity: "none", stopBits: 1 },
  options: JK_CLI_OPTIONS,
  async connect(transport: Transport, options: PluginOptionValues) {
    const protocol = protocolOf(options);
    const addresses = addressesOf(options, protocol);
    const { passwordDelayMs, ...link } = pacingOf(options);
    if (protocol === "pb") return new JkPbSession(transport, addresses, link);
    const rule = temperatureRuleOf(options);
    return new Jk4e57Session(transport, { ...link, ...(passwordDelayMs !== undefined ? { passwordDelayMs } : {}), ...(rule ? { temperatureRule: rule } : {}) });
  },
  decode: decodeCapture,
  format: formatReading,
  async simulate(transport: Transport, options: PluginOptionValues): Promise<SimulatorHandle> {
    const protocol = protocolOf(options);
    const addresses = addressesOf(options, protocol);
    if (protocol === "pb") {
      const sim = new JkPbSimulator({ packs: addresses.map((address) => ({ address, pack: { current: SIMULATED_LOAD_A } })) }).attach(transport);
      sim.start();
      return sim;
    }
    const rule = temperatureRuleOf(options);
    const sim = new JkSimulator({ pack: { current: SIMULATED_LOAD_A }, ...(rule ? { temperatureRule: rule } : {}) }).attach(transport);
    sim.start();
    return sim;
  },
  commands: JK_COMMANDS,
};
