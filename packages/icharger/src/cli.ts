import { BattError, numberOption, type DevicePlugin } from "@batt/core";
import { ICHARGER_COMMANDS } from "./cli/commands.js";
import { info } from "./cli/info.js";
import { controlPresetOption, driverOptions, ICHARGER_OPTIONS, modelOption } from "./cli/options.js";
import { IChargerSession } from "./cli/session.js";
import { ICHARGER_SIM_OPTIONS, simPackOf } from "./cli/sim-options.js";
import { describeReport } from "./describe-report.js";
import type { IChargerReading } from "./device/reading.js";
import { ICharger } from "./icharger.js";
import { IChargerSimulator } from "./simulator/icharger-simulator.js";

/**
 * The `batt icharger` plugin: Junsi iCharger over USB HID (the default link: 0483:5751, 64-byte
 * reports) or serial Modbus RTU (`--port`, 9600 8N1 by default on the charger). Platform-free.
 */
export const plugin: DevicePlugin<IChargerReading> = {
  ...info,
  options: [...ICHARGER_OPTIONS, ...ICHARGER_SIM_OPTIONS],
  async connect(transport, options) {
    const preset = controlPresetOption(options);
    return new IChargerSession(await ICharger.open(transport, driverOptions(options)), preset !== undefined ? { preset } : {});
  },
  decode(bytes) {
    if (bytes.length === 0) throw new BattError("frame", "no bytes to decode");
    return describeReport(bytes);
  },
  async simulate(transport, options) {
    const address = numberOption(options, "address", { min: 1, max: 247, integer: true });
    const pack = simPackOf(options);
    const sim = new IChargerSimulator({ model: modelOption(options) ?? "308duo", packs: [pack, pack], ...(address !== undefined ? { address } : {}) }).attach(transport);
    sim.start();
    return { stop: () => sim.stop() };
  },
  commands: ICHARGER_COMMANDS,
};
