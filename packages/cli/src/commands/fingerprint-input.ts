import { createFingerprint, type Fingerprint } from "@batt/fingerprint";
import { stringValue } from "../args.js";
import type { CommandContext, OptionSpec } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { BMS_OPTIONS, prepareBms } from "./fingerprint-bms.js";
import { readMeasurementFile, type MeasurementInput } from "./fingerprint-file.js";
import { ICHARGER_OPTIONS, prepareICharger } from "./fingerprint-icharger.js";
import { chemistryName, CHEMISTRY_CHOICES, CURRENT_UNITS, parseQuantity, parseQuantityList, parseTime, RESISTANCE_UNITS, VOLTAGE_UNITS } from "./fingerprint-units.js";

const MEASUREMENT = "Measurement (one of --file, --ocv/--loaded/--current, --ir, --icharger, --from jbd|jk)";

/** Options that give the measurement: a file, numbers, or an automatic IR run on an iCharger. */
export const MEASUREMENT_OPTIONS: readonly OptionSpec[] = [
  { name: "file", type: "string", valueName: "FILE", description: "measurement as JSON (format above)", section: MEASUREMENT },
  { name: "ocv", type: "string", valueName: "V,V,…", description: "open-circuit cell voltages, cell 1 first, in V (3815,3811mV for mV)", section: MEASUREMENT },
  { name: "loaded", type: "string", valueName: "V,V,…", description: "cell voltages under the load, same order and units", section: MEASUREMENT },
  { name: "current", type: "string", valueName: "A", description: "load current in A (4440mA for mA), positive while discharging", section: MEASUREMENT },
  { name: "ir", type: "string", valueName: "mΩ,mΩ,…", description: "per-cell internal resistance in mΩ instead of a load pulse (--ocv optional)", section: MEASUREMENT },
  { name: "chemistry", type: "string", valueName: CHEMISTRY_CHOICES, description: "pack chemistry (packs of different chemistries never match)", section: MEASUREMENT },
  { name: "date", type: "string", valueName: "ISO", description: "when it was measured, e.g. 2025-03-01 or 2025-03-01T14:30:00Z", defaultText: "now", section: MEASUREMENT },
  ...ICHARGER_OPTIONS,
  ...BMS_OPTIONS,
];

/** What `--ocv 3.815,… --loaded … --current 4.44` or `--ir …` give. */
function fromNumbers(context: CommandContext): MeasurementInput {
  const { values } = context;
  const text = (name: string): string | undefined => stringValue(values, name);
  const ocv = text("ocv") === undefined ? undefined : parseQuantityList(text("ocv")!, "--ocv", VOLTAGE_UNITS);
  const ir = text("ir");
  if (ir !== undefined) {
    const pulseOnly = ["loaded", "current"].filter((n) => text(n) !== undefined);
    if (pulseOnly.length > 0) throw new UsageError(`--ir gives the IRs; ${pulseOnly.map((n) => `--${n}`).join(" and ")} belong to a load pulse`);
    const cellIrMilliohm = parseQuantityList(ir, "--ir", RESISTANCE_UNITS);
    if (ocv !== undefined && ocv.length !== cellIrMilliohm.length) throw new UsageError(`--ir has ${cellIrMilliohm.length} cells, --ocv ${ocv.length}`);
    return { input: { kind: "cell-ir", cellIrMilliohm, ...(ocv === undefined ? {} : { ocvMillivolts: ocv }) } };
  }
  const missing = ["ocv", "loaded", "current"].filter((n) => text(n) === undefined);
  if (missing.length > 0) throw new UsageError(`a load pulse needs --ocv, --loaded and --current; missing ${missing.map((n) => `--${n}`).join(", ")}`);
  const loaded = parseQuantityList(text("loaded")!, "--loaded", VOLTAGE_UNITS);
  const current = parseQuantity(text("current")!, "--current", CURRENT_UNITS);
  if (ocv!.length !== loaded.length) throw new UsageError(`--ocv has ${ocv!.length} cells, --loaded ${loaded.length}`);
  return { input: { kind: "pulse", ocvMillivolts: ocv!, loadedMillivolts: loaded, currentMilliamps: current } };
}

/** A measurement whose options have been checked, ready to be taken. */
export interface MeasurementSource {
  /** Reads the file, uses the numbers or runs the charger, and makes the fingerprint. */
  take(): Promise<Fingerprint>;
}

/**
 * Checks the options that give the measurement, so that a usage error is reported before the library is
 * read or a charger is touched. `--chemistry` and `--date` override what a file or the charger says.
 *
 * @throws UsageError when no source, or more than one, is given, a value is malformed, or the file is not a
 *   measurement. `take()` throws BattError `invalid-argument` (exit 2 as well) when the readings are unusable
 *   (too small a current or voltage drop, one cell only), `unsupported` when `--icharger` cannot be used, and
 *   the charger's errors.
 */
export function measurementSource(context: CommandContext): MeasurementSource {
  const { values } = context;
  const numbers = ["ocv", "loaded", "current", "ir"].filter((n) => values[n] !== undefined);
  const sources = [
    ...(values["file"] !== undefined ? ["--file"] : []),
    ...(numbers.length > 0 ? [numbers.map((n) => `--${n}`).join("/")] : []),
    ...(values["icharger"] === true ? ["--icharger"] : []),
    ...(values["from"] !== undefined ? ["--from"] : []),
  ];
  if (sources.length === 0) throw new UsageError("no measurement given: use --file FILE, --ocv/--loaded/--current, --ir, --icharger, or --from jbd|jk");
  if (sources.length > 1) throw new UsageError(`give one measurement, not ${sources.join(" and ")}`);
  if (values["from"] === undefined) {
    const bmsOnly = BMS_OPTIONS.filter((o) => o.name !== "from" && values[o.name] !== undefined).map((o) => `--${o.name}`);
    if (bmsOnly.length > 0) throw new UsageError(`${bmsOnly.join(", ")} ${bmsOnly.length > 1 ? "are" : "is"} for --from`);
  }
  // --port, --baud and --sim serve --from as well as --icharger.
  const linkShared = values["from"] !== undefined ? ["port", "baud", "sim"] : [];
  if (values["icharger"] !== true) {
    const chargerOnly = ICHARGER_OPTIONS.filter((o) => o.name !== "icharger" && !linkShared.includes(o.name) && values[o.name] !== undefined).map((o) => `--${o.name}`);
    if (chargerOnly.length > 0) throw new UsageError(`${chargerOnly.join(", ")} ${chargerOnly.length > 1 ? "are" : "is"} for --icharger`);
  }
  const chemistryText = stringValue(values, "chemistry");
  const dateText = stringValue(values, "date");
  const chemistry = chemistryText === undefined ? undefined : chemistryName(chemistryText, "--chemistry");
  const date = dateText === undefined ? undefined : parseTime(dateText, "--date");

  // A file and numbers are read now (their mistakes are usage errors); the charger only when the measurement is taken.
  const file = stringValue(values, "file");
  let read: () => Promise<MeasurementInput> | MeasurementInput;
  if (values["icharger"] === true) {
    read = prepareICharger(context);
  } else if (values["from"] !== undefined) {
    read = prepareBms(context);
  } else {
    const given = file !== undefined ? readMeasurementFile(file) : fromNumbers(context);
    read = () => given;
  }
  return {
    async take() {
      const measured = await read();
      const finalChemistry = chemistry ?? measured.chemistry;
      const measuredAt = date ?? measured.measuredAt;
      return createFingerprint(measured.input, {
        ...(finalChemistry === undefined ? {} : { chemistry: finalChemistry }),
        ...(measuredAt === undefined ? {} : { measuredAt }),
      });
    },
  };
}
