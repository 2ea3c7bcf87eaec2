import { BattError, FrameDecoder, linkOptionsFrom, linkPluginOptions, numberOption, type DevicePlugin, type PluginOptionValues } from "@batt/core";
import { CHEMISTRIES, isChemistry, type BatteryModelOptions } from "@batt/core/simulator";
import { JBD_LINK_DEFAULTS } from "../client.js";
import { describeJbdFrame } from "../describe-frame.js";
import { JBD_PAUSE_AFTER_SAVE_MS } from "../factory-mode.js";
import { JbdBms, type JbdBmsOptions } from "../jbd-bms.js";
import { jbdFrameParser } from "../parser.js";
import type { PasswordEncoding } from "../password.js";
import type { JbdReading } from "../reading.js";
import { JBD_SIMULATOR_DEFAULT_CURRENT } from "../simulator/jbd-device.js";
import { JbdSimulator } from "../simulator/jbd-simulator.js";
import { JBD_COMMANDS } from "./commands.js";
import { info } from "./info.js";
import { JbdSession } from "./session.js";

function driverOptions(options: PluginOptionValues): JbdBmsOptions {
  const encoding = options["password-encoding"];
  if (encoding !== undefined && encoding !== "raw" && encoding !== "ascii") {
    throw new BattError("invalid-argument", `--password-encoding must be raw or ascii: ${String(encoding)}`);
  }
  const pauseAfterSaveMs = numberOption(options, "save-pause", { min: 0, max: 60_000 });
  return {
    ...linkOptionsFrom(options, JBD_LINK_DEFAULTS),
    ...(typeof options.password === "string" ? { password: options.password } : {}),
    ...(encoding ? { passwordEncoding: encoding as PasswordEncoding } : {}),
    ...(pauseAfterSaveMs !== undefined ? { pauseAfterSaveMs } : {}),
  };
}

/** The simulator's pack from the `--sim-*` options, in SI units (capacity Ah, current A, state of charge %). */
function simulatorPack(options: PluginOptionValues): BatteryModelOptions {
  const cells = numberOption(options, "sim-cells", { min: 1, max: 32, integer: true });
  const capacity = numberOption(options, "sim-capacity", { min: 0.1, max: 655 });
  const soc = numberOption(options, "sim-soc", { min: 0, max: 100 });
  const current = numberOption(options, "sim-current", { min: -327, max: 327 });
  const chemistry = options["sim-chemistry"];
  if (chemistry !== undefined && !isChemistry(chemistry)) {
    throw new BattError("invalid-argument", `--sim-chemistry must be one of ${Object.keys(CHEMISTRIES).join(", ")}: ${String(chemistry)}`);
  }
  return {
    ...(cells !== undefined ? { cells } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
    ...(soc !== undefined ? { soc } : {}),
    ...(current !== undefined ? { current } : {}),
    ...(chemistry !== undefined ? { chemistry } : {}),
  };
}

/**
 * The `batt jbd` plugin: JBD / Xiaoxiang BMS on a 9600 8N1 UART. Platform-free: backups are
 * returned and accepted as documents (text); the CLI reads and writes files.
 */
export const plugin: DevicePlugin<JbdReading> = {
  ...info,
  options: [
    ...linkPluginOptions(JBD_LINK_DEFAULTS),
    { name: "password", type: "string", description: "PIN sent when factory mode is refused (firmware with passwords)" },
    { name: "password-encoding", type: "string", description: "password bytes: raw digit values (default) or ascii", default: "raw" },
    { name: "save-pause", type: "string", description: `pause after saving to EEPROM before the next request, ms (0–60000; default ${JBD_PAUSE_AFTER_SAVE_MS})` },
    { name: "sim-cells", type: "string", description: "simulator: number of cells (1–32; default 4)" },
    { name: "sim-chemistry", type: "string", description: `simulator: cell chemistry, ${Object.keys(CHEMISTRIES).join(", ")} (default lifepo4)` },
    { name: "sim-capacity", type: "string", description: "simulator: capacity, Ah (default 100)" },
    { name: "sim-soc", type: "string", description: "simulator: initial state of charge, % (0–100; default 60)" },
    { name: "sim-current", type: "string", description: `simulator: load (negative) or charge (positive) current, A (default ${JBD_SIMULATOR_DEFAULT_CURRENT})` },
  ],
  async connect(transport, options) {
    // Nothing is sent here: the model string (0x05, which upsets some units) is read with the first reading only.
    return new JbdSession(new JbdBms(transport, driverOptions(options)));
  },
  decode(bytes) {
    const events = new FrameDecoder(jbdFrameParser).push(bytes);
    const frames = events.flatMap((e) => (e.type === "frame" ? [describeJbdFrame(e.frame)] : []));
    if (frames.length === 0) {
      const bad = events.find((e) => e.type === "skipped" && e.error.code === "checksum");
      if (bad && bad.type === "skipped") throw bad.error;
      throw new BattError("frame", "no complete DD … 77 frame in the input", { context: { raw: bytes } });
    }
    return frames.length === 1 ? frames[0] : frames;
  },
  async simulate(transport, options) {
    const sim = new JbdSimulator({ pack: simulatorPack(options) }).attach(transport);
    sim.start();
    return { stop: () => sim.stop() };
  },
  commands: JBD_COMMANDS,
};
