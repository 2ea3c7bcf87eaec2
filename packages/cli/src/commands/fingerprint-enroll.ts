import { isBattError } from "@batt/core";
import { enrollJson, formatConfidence, formatDate, latestEntry, type PackRecord } from "@batt/fingerprint";
import { stringValue } from "../args.js";
import type { CommandNode } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { JSON_OPTION } from "../link-options.js";
import { MEASUREMENT_FILE_HELP } from "./fingerprint-file.js";
import { formatMeasurement, packKind } from "./fingerprint-format.js";
import { MEASUREMENT_OPTIONS, measurementSource } from "./fingerprint-input.js";
import { libraryOption, openLibrary, packLabel } from "./fingerprint-library.js";

/** Refuses a name that `history NAME` could not tell apart from another pack's. */
function checkNameFree(packs: readonly PackRecord[], name: string): void {
  if (name.trim() === "") throw new UsageError("--name must not be empty");
  const taken = packs.find((p) => p.id === name || p.name?.toLowerCase() === name.toLowerCase());
  if (taken) throw new UsageError(`${packLabel(taken)} already uses the name ${JSON.stringify(name)}; choose another --name`);
}

/** `batt fingerprint enroll`: adds a pack to the library from its first measurement. */
export function fingerprintEnrollCommand(): CommandNode {
  return {
    kind: "command",
    name: "enroll",
    summary: "add a pack to the library from a measurement",
    description:
      "Adds a pack to the library from its first measurement: its IR ratios (each cell's IR over the pack mean) and, when rest voltages are given, its OCV pattern are what later identifies it. " +
      "A measurement that already matches a pack in the library is refused unless --force (it is probably that pack: use \"batt fingerprint identify\"). " +
      MEASUREMENT_FILE_HELP,
    options: [
      { name: "name", type: "string", valueName: "NAME", description: "the pack's name (required; unique in the library)" },
      { name: "force", type: "boolean", description: "enrol even when the measurement matches a known pack" },
      libraryOption(),
      JSON_OPTION,
      ...MEASUREMENT_OPTIONS,
    ],
    examples: [
      'batt fingerprint enroll --name "Tattu 1300 #3" --ocv 3.815,3.815,3.815,3.811 --loaded 3.685,3.688,3.684,3.663 --current 4.44 --chemistry lipo',
      "batt fingerprint enroll --name field-2 --file pulse.json",
      "batt fingerprint enroll --name field-3 --ir 21.4,20.9,23.8,21.1 --ocv 3815,3812,3818,3809mV",
      "batt fingerprint enroll --name field-4 --icharger --preset 0 --yes",
      "batt fingerprint enroll --name house-bank --from jk --port /dev/ttyUSB0 --settle 3",
    ],
    async run(context) {
      const { values, out } = context;
      const name = stringValue(values, "name");
      if (name === undefined) throw new UsageError("--name NAME is required");
      const source = measurementSource(context);
      const { library, path, packs } = openLibrary(values);
      const known = await packs();
      checkNameFree(known, name);
      const fingerprint = await source.take();
      let record: PackRecord;
      try {
        record = await library.enroll(fingerprint, { name, force: values["force"] === true });
      } catch (error) {
        const matched = isBattError(error, "invalid-argument") ? error.context["matchedId"] : undefined;
        if (!isBattError(error) || typeof matched !== "string") throw error;
        const pack = known.find((p) => p.id === matched) ?? { id: matched };
        const confidence = error.context["confidence"];
        throw new UsageError(
          `the measurement matches ${packLabel(pack)}${typeof confidence === "number" ? ` (confidence ${formatConfidence(confidence)})` : ""}: it is probably that pack. ` +
            'Nothing was saved; run "batt fingerprint identify" to add it to that pack\'s history, or add --force to enrol it as a new pack.',
        );
      }
      if (values["json"] === true) {
        out.json(enrollJson(record));
        return;
      }
      out.print(`Enrolled ${packLabel(record)} · ${packKind(record)} · ${formatDate(latestEntry(record).measuredAt)}`);
      out.print(formatMeasurement(fingerprint));
      out.note(`saved to ${path}`);
    },
  };
}
