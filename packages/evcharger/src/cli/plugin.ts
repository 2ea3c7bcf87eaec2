import { numberOption } from "@batt/core";
import type { DevicePlugin } from "@batt/core";
import { EVCHARGER_LINK } from "../constants.js";
import { describeChargerFrames } from "../describe-frame.js";
import { EvCharger } from "../ev-charger.js";
import { EvChargerSimulator } from "../simulator/ev-charger-simulator.js";
import { EVCHARGER_COMMANDS } from "./commands.js";
import { formatChargerReading } from "./format.js";
import { chargerOptions, generationOption, wordOrderOption } from "./options.js";
import { EvChargerSession } from "./session.js";

/**
 * The `batt evcharger` plugin: SolaX-type AC EV chargers (X1/X3-EVC, X1/X3-HAC, Tigo GO, Qcells
 * EDRIVE) on Modbus RTU, 9600 8N1, address 70, one request per second. Platform-free: `upgrade`
 * reads the image file through the host (`readFile`), or takes it as hex or base64 text.
 */
export const plugin: DevicePlugin = {
  id: "evcharger",
  title: "SolaX-type AC EV charger",
  link: EVCHARGER_LINK,
  options: [
    { name: "unit", type: "string", description: "Modbus address of the charger", default: "70" },
    { name: "generation", type: "string", description: "g1 (X1/X3-EVC), g2 (HAC) or auto (detect; default)" },
    { name: "word-order", type: "string", description: "override 32-bit word orders: inputEnergyTotal=low-first,faultCode=high-first,…" },
    { name: "timeout", type: "string", description: "response timeout in ms (default 1000)" },
    { name: "interval", type: "string", description: "least time between requests in ms (default 1000, the document's rule)" },
    { name: "eeprom-interval", type: "string", description: "least time between changes of one EEPROM-backed register in ms (default 60000)" },
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
  format: formatChargerReading,
  async simulate(transport, options) {
    const unit = numberOption(options, "unit");
    const generation = generationOption(options, "sim-generation");
    const speed = numberOption(options, "sim-speed") ?? 1;
    const sim = new EvChargerSimulator({
      ...(unit !== undefined ? { unit } : {}),
      ...(generation === "g2" ? { generation: "g2" } : {}),
    }).attach(transport);
    if (options["sim-unplugged"] !== true) sim.plugIn();
    sim.start(1000, speed);
    return { stop: () => sim.stop() };
  },
  commands: EVCHARGER_COMMANDS,
};
