import { BattError, FrameDecoder, numberOption, type DevicePlugin, type PluginOptionValues } from "@batt/core";
import { describeJbdFrame } from "../describe-frame.js";
import { JbdBms, type JbdBmsOptions } from "../jbd-bms.js";
import { jbdFrameParser } from "../parser.js";
import type { PasswordEncoding } from "../password.js";
import { JbdSimulator } from "../simulator/jbd-simulator.js";
import type { Chemistry } from "../simulator/chemistry.js";
import { JBD_COMMANDS } from "./commands.js";
import { formatReading } from "./format.js";
import { JbdSession } from "./session.js";

function driverOptions(options: PluginOptionValues): JbdBmsOptions {
  const encoding = options["password-encoding"];
  if (encoding !== undefined && encoding !== "raw" && encoding !== "ascii") {
    throw new BattError("invalid-argument", `--password-encoding must be raw or ascii: ${String(encoding)}`);
  }
  const timeoutMs = numberOption(options, "timeout");
  const pauseAfterSaveMs = numberOption(options, "save-pause");
  const minGapMs = numberOption(options, "gap");
  return {
    ...(typeof options.password === "string" ? { password: options.password } : {}),
    ...(encoding ? { passwordEncoding: encoding as PasswordEncoding } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(pauseAfterSaveMs !== undefined ? { pauseAfterSaveMs } : {}),
    ...(minGapMs !== undefined ? { minGapMs } : {}),
  };
}

/**
 * The `batt jbd` plugin: JBD / Xiaoxiang BMS on a 9600 8N1 UART. Platform-free: backups are
 * returned and accepted as documents (text); the CLI reads and writes files.
 */
export const plugin: DevicePlugin = {
  id: "jbd",
  title: "JBD / Xiaoxiang / Overkill Solar BMS",
  link: { kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 },
  options: [
    { name: "password", type: "string", description: "PIN sent when factory mode is refused (firmware with passwords)" },
    { name: "password-encoding", type: "string", description: "password bytes: raw digit values (default) or ascii", default: "raw" },
    { name: "timeout", type: "string", description: "reply deadline per attempt in ms (default 1000)" },
    { name: "gap", type: "string", description: "least time between requests, ms (default 50)" },
    { name: "save-pause", type: "string", description: "pause after saving to EEPROM before the next request, ms (default 3500)" },
    { name: "sim-cells", type: "string", description: "simulator: number of cells (default 4)" },
    { name: "sim-chemistry", type: "string", description: "simulator: lifepo4 (default), li-ion or lto" },
    { name: "sim-capacity", type: "string", description: "simulator: capacity in Ah (default 100)" },
    { name: "sim-soc", type: "string", description: "simulator: initial state of charge in % (default 60)" },
    { name: "sim-current", type: "string", description: "simulator: load (negative) or charge (positive) current in A (default -2.5)" },
  ],
  async connect(transport, options) {
    const bms = new JbdBms(transport, driverOptions(options));
    // Read once here and never again: some units stop answering when 0x05 is polled.
    const name = await bms.readDeviceName().catch(() => undefined);
    return new JbdSession(bms, name);
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
  format: formatReading,
  async simulate(transport, options) {
    const cells = numberOption(options, "sim-cells");
    const capacityAh = numberOption(options, "sim-capacity");
    const soc = numberOption(options, "sim-soc");
    const currentA = numberOption(options, "sim-current");
    const chemistry = options["sim-chemistry"];
    const sim = new JbdSimulator({
      pack: {
        ...(cells !== undefined ? { cells } : {}),
        ...(capacityAh !== undefined ? { capacityAh } : {}),
        ...(soc !== undefined ? { soc } : {}),
        ...(currentA !== undefined ? { currentA } : {}),
        ...(typeof chemistry === "string" ? { chemistry: chemistry as Chemistry } : {}),
      },
    }).attach(transport);
    sim.start();
    return { stop: () => sim.stop() };
  },
  commands: JBD_COMMANDS,
};
