import { linkOptionsFrom, type DevicePlugin, type PluginOptionValues, type SimulatorHandle, type Transport } from "@batt/core";
import { JK_BAUD_RATE } from "../constants.js";
import { JK_LINK_DEFAULTS } from "../link-defaults.js";
import { JkPbSimulator } from "../simulator/pb/jk-pb-simulator.js";
import { JkSimulator } from "../simulator/jk-simulator.js";
import { addressesOf, JK_CLI_OPTIONS, passwordDelayOf, protocolOf, temperatureRuleOf } from "./cli-options.js";
import { JK_COMMANDS } from "./commands.js";
import { decodeCapture } from "./decode-capture.js";
import type { JkDetails } from "./jk-session.js";
import { Jk4e57Session } from "./session-4e57.js";
import { JkPbSession } from "./session-pb.js";
import { simPackOf } from "./sim-options.js";

/**
 * The `jk` device of the `batt` command: JK-B/JK-BD BMS over 4E57 (default) or JK-PB packs over
 * Modbus RTU (`--protocol pb --address 1,2`: one reading, a battery per pack), at 115200 8N1.
 */
export const plugin: DevicePlugin<JkDetails> = {
  id: "jk",
  title: "JK BMS",
  category: "bms",
  link: { kind: "serial", baudRate: JK_BAUD_RATE, dataBits: 8, parity: "none", stopBits: 1 },
  options: JK_CLI_OPTIONS,
  async connect(transport: Transport, options: PluginOptionValues) {
    const protocol = protocolOf(options);
    const addresses = addressesOf(options, protocol);
    const link = linkOptionsFrom(options, JK_LINK_DEFAULTS);
    if (protocol === "pb") return new JkPbSession(transport, addresses, link);
    const rule = temperatureRuleOf(options);
    const passwordDelayMs = passwordDelayOf(options);
    return new Jk4e57Session(transport, { ...link, ...(passwordDelayMs !== undefined ? { passwordDelayMs } : {}), ...(rule ? { temperatureRule: rule } : {}) });
  },
  decode: decodeCapture,
  async simulate(transport: Transport, options: PluginOptionValues): Promise<SimulatorHandle> {
    const protocol = protocolOf(options);
    const addresses = addressesOf(options, protocol);
    const pack = simPackOf(options);
    if (protocol === "pb") {
      const sim = new JkPbSimulator({ packs: addresses.map((address) => ({ address, pack })) }).attach(transport);
      sim.start();
      return sim;
    }
    const rule = temperatureRuleOf(options);
    const sim = new JkSimulator({ pack, ...(rule ? { temperatureRule: rule } : {}) }).attach(transport);
    sim.start();
    return sim;
  },
  commands: JK_COMMANDS,
};
