import { BattError, ErrorCode, type SimulatorHandle, type Transport } from "@batt/core";
import { integerValue } from "../args.js";
import type { CommandContext, OptionSpec } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { withLink } from "../link.js";
import type { MeasurementInput } from "./fingerprint-file.js";

const ICHARGER = "Automatic IR on a Junsi iCharger (discharges the pack briefly; needs --yes)";

/** `--icharger` and the options of the charger it talks to. None has a default, so their use is detectable. */
export const ICHARGER_OPTIONS: readonly OptionSpec[] = [
  { name: "icharger", type: "boolean", description: "measure with a load pulse on a connected iCharger", section: ICHARGER },
  { name: "hid", type: "string", valueName: "PATH|VID:PID", description: "the charger's USB HID device", defaultText: "0483:5751", section: ICHARGER },
  { name: "port", type: "string", valueName: "PATH", description: "serial port instead of USB (Modbus RTU)", section: ICHARGER },
  { name: "baud", type: "string", valueName: "N", description: "baud rate with --port", defaultText: "9600", section: ICHARGER },
  { name: "sim", type: "boolean", description: "use a simulated charger holding the 4S pack of the iCharger README example", section: ICHARGER },
  { name: "channel", type: "string", valueName: "1|2", description: "charger channel", defaultText: "1", section: ICHARGER },
  { name: "preset", type: "string", valueName: "N", description: "lithium preset with discharge enabled; its discharge current is the pulse", defaultText: "0", section: ICHARGER },
  { name: "yes", type: "boolean", description: "confirm the discharge pulse", section: ICHARGER },
];

/** iCharger chemistry names as the fingerprint library writes them. */
const CHEMISTRY: Readonly<Record<string, string>> = { LiPo: "LiPo", LiHV: "LiHV", LiIo: "LiIon", LiFe: "LiFePO4", LTO: "LTO" };

/** The pack of the simulated charger (`--sim`): the README's worked example, OCV and IR per cell. */
const EXAMPLE_PACK = {
  chemistry: "LiPo",
  cells: 4,
  cellVoltages: [3.815, 3.815, 3.815, 3.811],
  // Ω: the example's drops (mV) at 4.44 A.
  cellResistance: [130, 127, 131, 148].map((drop) => drop / 4.44 / 1000),
} as const;

function unsupported(detail: string): BattError {
  return new BattError(ErrorCode.Unsupported, `automatic IR measurement on an iCharger is not available: ${detail}`);
}

async function loadDriver(): Promise<typeof import("@batt/icharger")> {
  let driver: typeof import("@batt/icharger");
  try {
    driver = await import("@batt/icharger");
  } catch (error) {
    throw unsupported(`@batt/icharger cannot be loaded (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof driver.ICharger?.prototype?.measureIr !== "function") throw unsupported("this version of @batt/icharger has no measureIr");
  return driver;
}

async function startSimulator(device: Transport): Promise<SimulatorHandle> {
  const { IChargerSimulator } = await import("@batt/icharger/simulator");
  // Short start phases: a simulator need not take as long as the charger to begin a discharge.
  const sim = new IChargerSimulator({ packs: [EXAMPLE_PACK], startMs: 40, checkMs: 80 }).attach(device);
  sim.start(20);
  return sim;
}

/**
 * Prepares a measurement on a connected iCharger with the driver's automatic IR run: open-circuit cell
 * voltages, a short discharge at the preset's current, the loaded cell voltages, stop. The driver refuses
 * (before anything starts) a busy channel, a preset that is not lithium with discharge, or cells out of
 * range, and always stops the channel. The options are checked now; the charger is used when the returned
 * function is called.
 *
 * @throws UsageError without `--yes` or with a bad `--channel`/`--preset`. The returned function throws
 *   BattError `unsupported` when the driver has no automatic IR, or the driver's errors.
 */
export function prepareICharger(context: CommandContext): () => Promise<MeasurementInput> {
  const { values } = context;
  const channelNumber = integerValue(values, "channel", 1, 2) ?? 1;
  const preset = integerValue(values, "preset", 0, 63) ?? 0;
  if (values["yes"] !== true) {
    throw new UsageError(`--icharger discharges the pack on channel ${channelNumber} for a few seconds at the discharge current of preset ${preset}. Nothing was sent; add --yes to go ahead.`);
  }
  return () => measure(context, channelNumber, preset);
}

async function measure(context: CommandContext, channelNumber: number, preset: number): Promise<MeasurementInput> {
  const { values, out, signal } = context;
  const driver = await loadDriver();
  const channel = (channelNumber - 1) as 0 | 1;
  const simulated = values["sim"] === true;
  const { vendorId, productId, reportSize } = driver.ICHARGER_USB;
  return withLink(
    { values, defaults: { kind: "hid", vendorId, productId, reportSize }, argv: context.argv, out, tap: true, simulate: startSimulator },
    async (link) => {
      const charger = await driver.ICharger.open(link.transport, simulated ? { pollIntervalMs: 50, startCheckMs: 250 } : {}, signal);
      try {
        const result = await charger.measureIr({
          channel,
          preset,
          signal,
          onProgress: (event) => {
            if (event.phase === "checked") out.note(`iCharger channel ${channelNumber}: ${event.cells}S ${event.chemistry}, discharge pulse at ${event.pulseCurrent} A (preset ${preset})…`);
            if (event.phase === "stopped") out.note(`iCharger channel ${channelNumber}: stopped`);
          },
        });
        const chemistry = CHEMISTRY[result.chemistry];
        return {
          input: {
            kind: "pulse",
            // The charger's voltages are whole mV and its current 10 mA steps, so these are exact.
            ocvMillivolts: result.ocv.map((v) => Math.round(v * 1000)),
            loadedMillivolts: result.loaded.map((v) => Math.round(v * 1000)),
            currentMilliamps: Math.round(result.current * 1000),
            voltageResolutionMillivolts: 1,
            currentResolutionMilliamps: 10,
          },
          ...(chemistry === undefined ? {} : { chemistry }),
        };
      } finally {
        charger.dispose();
      }
    },
  );
}
