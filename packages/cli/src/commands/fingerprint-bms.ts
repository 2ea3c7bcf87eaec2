import { BattError, ErrorCode, systemClock, type DevicePlugin, type SimulatorHandle, type Transport } from "@batt/core";
import { captureBmsPulse, type BmsSample } from "@batt/fingerprint";
import { choiceValue, stringValue } from "../args.js";
import type { CommandContext, OptionSpec } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { withLink } from "../link.js";
import type { MeasurementInput } from "./fingerprint-file.js";

const BMS = "Load pulse read from a BMS (JBD or JK): at rest, then under a load you switch on";

/** The BMS drivers a pulse can be read from. */
export const BMS_SOURCES = ["jbd", "jk"] as const;

/** `--from jbd|jk` and how the pulse is taken. `--port`, `--baud` and `--sim` are shared with `--icharger`. */
export const BMS_OPTIONS: readonly OptionSpec[] = [
  { name: "from", type: "string", valueName: BMS_SOURCES.join("|"), description: "read the rest and loaded cell voltages from this BMS (with --port, or --sim)", section: BMS },
  { name: "min-step", type: "string", valueName: "A", description: "change of current that counts as the load step", defaultText: "1", section: BMS },
  { name: "settle", type: "string", valueName: "S", description: "seconds the cell voltages settle under the load before they are read", defaultText: "2", section: BMS },
  { name: "load-timeout", type: "string", valueName: "S", description: "longest wait for the load to be switched on", defaultText: "120", section: BMS },
];

/** The simulated pack (`--sim`): 4S LiFePO4 with known cell IRs, and the 10 A load step the simulator makes. */
const SIM_PACK = { cells: 4, chemistry: "lifepo4", capacity: 100, soc: 60, cellResistance: [0.002, 0.0025, 0.002, 0.004] } as const;
const SIM_LOAD_AMPS = -10;

function seconds(context: CommandContext, name: string, fallback: number, min: number, max: number): number {
  const text = stringValue(context.values, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name}: expected a number ${min}..${max}, got "${text}"`);
  return n;
}

/** A simulator whose load the workflow can switch, for `--sim`. */
interface SteppableSimulator {
  readonly handle: SimulatorHandle;
  applyLoad(amps: number): void;
}

async function startSimulator(from: (typeof BMS_SOURCES)[number], device: Transport): Promise<SteppableSimulator> {
  if (from === "jbd") {
    const { JbdSimulator } = await import("@batt/jbd/simulator");
    const sim = new JbdSimulator({ pack: { ...SIM_PACK, cellResistance: [...SIM_PACK.cellResistance], current: 0 } }).attach(device);
    sim.start();
    return { handle: sim, applyLoad: (amps) => (sim.device.pack.current = amps) };
  }
  const { JkSimulator } = await import("@batt/jk/simulator");
  const sim = new JkSimulator({ pack: { ...SIM_PACK, cellResistance: SIM_PACK.cellResistance[0], socSpread: 0, current: 0 } }).attach(device);
  // The JK pack model takes one resistance for every cell; the cells are set one by one.
  sim.device.pack.battery.cells.forEach((cell, i) => (cell.resistance = SIM_PACK.cellResistance[i] ?? cell.resistance));
  sim.start();
  return { handle: sim, applyLoad: (amps) => (sim.device.pack.demand = amps) };
}

/**
 * Prepares a pulse read from a BMS: checks `--from` and the timing options now; when the returned
 * function is called, connects through the BMS's plugin, takes the rest sample, tells the user to
 * switch the load on (with `--sim`, the simulator does), waits for the step, lets it settle, reads the
 * loaded cell voltages and says when to remove the load. Reading a BMS changes nothing on it.
 *
 * @throws UsageError for a bad `--from` or timing option; the returned function throws BattError
 *   `unsupported` when the driver is not installed, and the capture's and the link's errors.
 */
export function prepareBms(context: CommandContext): () => Promise<MeasurementInput> {
  const from = choiceValue(context.values, "from", BMS_SOURCES);
  if (from === undefined) throw new UsageError(`--from: expected one of ${BMS_SOURCES.join(", ")}`);
  const minStepAmps = seconds(context, "min-step", 1, 0.1, 1000);
  const settleS = seconds(context, "settle", 2, 0, 60);
  const timeoutS = seconds(context, "load-timeout", 120, 1, 3600);
  return () => measure(context, from, { minStepAmps, settleS, timeoutS });
}

async function measure(context: CommandContext, from: (typeof BMS_SOURCES)[number], timing: { minStepAmps: number; settleS: number; timeoutS: number }): Promise<MeasurementInput> {
  const { values, out, signal } = context;
  const plugin: DevicePlugin | undefined = context.plugins.find((p) => p.id === from);
  if (!plugin) throw new BattError(ErrorCode.Unsupported, `the ${from} driver is not available in this installation`);
  const simulated = values["sim"] === true;
  let sim: SteppableSimulator | undefined;
  return withLink(
    {
      values,
      defaults: plugin.link,
      argv: context.argv,
      out,
      simulate: async (device) => {
        sim = await startSimulator(from, device);
        return sim.handle;
      },
    },
    async (link) => {
      const session = await plugin.connect(link.transport, {});
      try {
        const read = async (): Promise<BmsSample> => {
          const reading = await session.read(signal);
          const pack = reading.batteries[0];
          if (!pack || pack.cellVoltages.length === 0) throw new BattError(ErrorCode.Unsupported, `the ${from} BMS reports no cell voltages`);
          return { cellVoltages: pack.cellVoltages, current: pack.current };
        };
        const pulse = await captureBmsPulse(read, {
          clock: systemClock,
          signal,
          minStepAmps: timing.minStepAmps,
          settleMs: timing.settleS * 1000,
          timeoutMs: timing.timeoutS * 1000,
          // A simulator answers at once; a real BMS is read twice a second.
          pollMs: simulated ? 100 : 500,
          onEvent: (event) => {
            if (event.phase === "rest") {
              out.note(`${from}: ${event.sample.cellVoltages.length} cells at rest (${event.sample.current.toFixed(2)} A). Now switch the load on (at least ${timing.minStepAmps} A)…`);
              if (sim) {
                out.note(`${from} simulator: switching a ${-SIM_LOAD_AMPS} A load on`);
                sim.applyLoad(SIM_LOAD_AMPS);
              }
            }
            if (event.phase === "load-detected") out.note(`${from}: load detected (${event.current.toFixed(2)} A); letting the cells settle for ${timing.settleS} s…`);
            if (event.phase === "loaded") {
              out.note(`${from}: loaded cell voltages read at ${event.sample.current.toFixed(2)} A. You can switch the load off now.`);
              sim?.applyLoad(0);
            }
          },
        });
        return { input: pulse, ...(simulated ? { chemistry: "LiFePO4" } : {}) };
      } finally {
        await session.close();
      }
    },
  );
}
