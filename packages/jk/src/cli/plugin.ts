import { BattError, BLE_GATT_PROFILES, linkOptionsFrom, type BleTransportInfo, type DevicePlugin, type PluginOptionValues, type SimulatorHandle, type Transport } from "@batt/core";
import { JK_LINK_DEFAULTS } from "../link-defaults.js";
import { JkPbSimulator } from "../simulator/pb/jk-pb-simulator.js";
import { JkSimulator } from "../simulator/jk-simulator.js";
import { JkPbBusSimulator } from "../simulator/pb/jk-pb-bus-simulator.js";
import { addressesOf, generationOptionOf, JK_CLI_OPTIONS, listenMsOf, passwordDelayOf, protocolOf, temperatureRuleOf } from "./cli-options.js";
import { JK_COMMANDS } from "./commands.js";
import { decodeCapture } from "./decode-capture.js";
import { info } from "./info.js";
import type { JkDetails } from "./jk-session.js";
import { Jk4e57Session } from "./session-4e57.js";
import { JkPbSession } from "./session-pb.js";
import { JkPbListenSession } from "./session-pb-listen.js";
import { JkPbTriggerSession } from "./session-pb-trigger.js";
import { JkEb90Session } from "./session-eb90.js";
import { JkEb90Simulator } from "../simulator/jk-eb90-simulator.js";
import { simPackOf } from "./sim-options.js";

/**
 * The `jk` device of the `batt` command: JK-B/JK-BD BMS over 4E57 (default), JK-PB packs over
 * Modbus RTU (`--protocol pb --address 1,2`: one reading, a battery per pack), through the trigger
 * path (`--protocol pb-trigger`: `55 AA EB 90` frames), or listening to a bus polled by its master at
 * address 0 (`--protocol pb-listen`: every pack heard, nothing sent), at 115200 8N1.
 */
export const plugin: DevicePlugin<JkDetails> = {
  ...info,
  options: JK_CLI_OPTIONS,
  async connect(transport: Transport, options: PluginOptionValues) {
    // A JK Bluetooth module speaks 55 AA EB 90, whatever the pack speaks on its wires.
    const overBle = (transport.info as Partial<BleTransportInfo>).profile?.id === BLE_GATT_PROFILES.jk.id;
    const protocol = overBle && options["protocol"] === undefined ? "eb90" : protocolOf(options);
    const addresses = addressesOf(options, protocol);
    const link = linkOptionsFrom(options, JK_LINK_DEFAULTS);
    if (protocol === "pb") return new JkPbSession(transport, addresses, link);
    const generation = generationOptionOf(options);
    if (protocol === "eb90") return new JkEb90Session(transport, { ...link, ...(generation ? { generation } : {}) });
    if (protocol === "pb-trigger") return new JkPbTriggerSession(transport, addresses, { ...link, ...(generation ? { generation } : {}) });
    if (protocol === "pb-listen") {
      const listenMs = listenMsOf(options);
      if (generation === "jk04") throw new BattError("invalid-argument", "JK-PB buses send JK02 frames; --generation jk04 does not apply to pb-listen");
      return new JkPbListenSession(transport, { ...(listenMs !== undefined ? { listenMs } : {}), ...(link.clock ? { clock: link.clock } : {}), ...(generation ? { generation } : {}) });
    }
    const rule = temperatureRuleOf(options);
    const passwordDelayMs = passwordDelayOf(options);
    return new Jk4e57Session(transport, { ...link, ...(passwordDelayMs !== undefined ? { passwordDelayMs } : {}), ...(rule ? { temperatureRule: rule } : {}) });
  },
  decode: decodeCapture,
  async simulate(transport: Transport, options: PluginOptionValues): Promise<SimulatorHandle> {
    const protocol = protocolOf(options);
    const addresses = addressesOf(options, protocol);
    const pack = simPackOf(options);
    if (protocol === "pb-listen") {
      // A bus with its master at address 0 polling the packs of --address (default 1 and 2).
      const polled = options["address"] === undefined || options["address"] === false ? [1, 2] : addresses;
      const sim = new JkPbBusSimulator({ cycleMs: 500, master: { pack }, packs: polled.map((address) => ({ address, pack })) }).attach(transport);
      sim.start();
      return sim;
    }
    if (protocol === "eb90") {
      const generation = generationOptionOf(options);
      if (generation === "jk04") throw new BattError("invalid-argument", "the 55 AA EB 90 simulator speaks jk02-24s or jk02-32s");
      const sim = new JkEb90Simulator({ pack, ...(generation ? { generation } : {}) }).attach(transport);
      sim.start();
      return sim;
    }
    if (protocol === "pb" || protocol === "pb-trigger") {
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
