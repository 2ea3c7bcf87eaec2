import { linkPluginOptions, numberOption, type DevicePlugin } from "@batt/core";
import type { EvChargerReading } from "../charger-reading.js";
import { EVCHARGER_LINK_DEFAULTS } from "../constants.js";
import { describeChargerFrames } from "../describe-frame.js";
import { EvCharger } from "../ev-charger.js";
import { EvChargerSimulator } from "../simulator/ev-charger-simulator.js";
import { EVCHARGER_COMMANDS } from "./commands.js";
import { info } from "./info.js";
import { addressOption, chargerOptions, EVCHARGER_DEVICE_OPTIONS, generationOption, wordOrderOption } from "./options.js";
import { EvChargerSession } from "./session.js";

/**
 * The `batt evcharger` plugin: SolaX-type AC EV chargers (X1/X3-EVC, X1/X3-HAC, Tigo GO, Qcells
 * EDRIVE) on Modbus RTU, 9600 8N1, address 70, one request per second. Platform-free: `upgrade`
 * reads the image file through the host (`readFile`), or takes it as hex or base64 text.
 */
export const plugin: DevicePlugin<EvChargerReading> = {
  ...info,
  options: [
    ...linkPluginOptions(EVCHARGER_LINK_DEFAULTS),
    ...EVCHARGER_DEVICE_OPTIONS,
    { name: "sim-generation", type: "string", description: "simulator: g1 (default) or g2" },
    { name: "sim-unplugged", type: "boolean", description: "simulator: start with no car plugged in" },
    { name: "sim-speed", type: "string", description: "simulator: simulated seconds per real second (default 1)" },
  ],
  async connect(transport, options) {
    return new EvChargerSession(new EvCharger(transport, chargerOptions(options)));
  },
  decode(bytes, options) {
    const generation = generationOption(options);
    const frames = describeChargerFrames(bytes, generation === "g2" ? "g2" : "g1", wordOrderOption(options) ?? {});
    return frames.length === 1 ? frames[0] : frames;
  },
  async simulate(transport, options) {
    const address = addressOption(options);
    const generation = generationOption(options, "sim-generation");
    const speed = numberOption(options, "sim-speed") ?? 1;
    const sim = new EvChargerSimulator({
      ...(address !== undefined ? { address } : {}),
      ...(generation === "g2" ? { generation: "g2" } : {}),
    }).attach(transport);
    if (options["sim-unplugged"] !== true) sim.plugIn();
    sim.start(1000, speed);
    return { stop: () => sim.stop() };
  },
  commands: EVCHARGER_COMMANDS,
};
