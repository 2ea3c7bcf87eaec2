import { formatConfidence, formatDate, formatMilliohm, identifyJson } from "@batt/fingerprint";
import type { CommandNode } from "../command.js";
import { JSON_OPTION } from "../link-options.js";
import { MEASUREMENT_FILE_HELP } from "./fingerprint-file.js";
import { formatCandidates, packKind } from "./fingerprint-format.js";
import { MEASUREMENT_OPTIONS, measurementSource } from "./fingerprint-input.js";
import { findPack, libraryOption, openLibrary, packLabel } from "./fingerprint-library.js";

/** `batt fingerprint identify`: which known pack a measurement comes from; a match extends that pack's history. */
export function fingerprintIdentifyCommand(): CommandNode {
  return {
    kind: "command",
    name: "identify",
    summary: "tell which known pack a measurement comes from",
    description:
      "Compares a measurement with every pack in the library and prints the candidates, most likely first, with their confidence (posterior probability), " +
      'and the decision: "match" (one pack fits and is confident enough; the measurement is added to its history unless --dry-run), ' +
      '"ambiguous" (packs fit but none is confident enough; nothing is recorded) or "unknown" (no pack fits better than a pack from outside the library). ' +
      "Each decision exits with 0; --json gives it as \"status\". " +
      "When you know which pack it is (small packs often stay ambiguous: a few cells carry little information), --pack NAME adds the measurement to that pack's history whatever the decision, and says so if the candidates disagree. " +
      MEASUREMENT_FILE_HELP,
    options: [
      { name: "dry-run", type: "boolean", description: "do not add a matched measurement to the pack's history" },
      { name: "pack", type: "string", description: "the pack this measurement is known to come from (id or name): add it to that pack's history" },
      libraryOption(),
      JSON_OPTION,
      ...MEASUREMENT_OPTIONS,
    ],
    examples: [
      "batt fingerprint identify --ocv 3.902,3.901,3.903,3.898 --loaded 3.770,3.772,3.769,3.748 --current 4.46",
      "batt fingerprint identify --file pulse.json --dry-run --json",
      "batt fingerprint identify --icharger --yes",
      "batt fingerprint identify --from jbd --port /dev/ttyUSB0",
    ],
    async run(context) {
      const { values, out } = context;
      const source = measurementSource(context);
      const { library, path, packs } = openLibrary(values);
      if ((await packs()).length === 0) out.note(`batt: warning: the library ${path} has no packs yet; enrol some with "batt fingerprint enroll"`);
      const fingerprint = await source.take();
      const dryRun = values["dry-run"] === true;
      const named = typeof values["pack"] === "string" ? findPack(await packs(), values["pack"], path) : undefined;
      const identified = await library.identify(fingerprint, { update: !dryRun && named === undefined });
      const { result } = identified;
      let updated = identified.updated;
      if (named !== undefined && !dryRun) updated = await library.addMeasurement(named.id, fingerprint);
      if (named !== undefined && result.best?.id !== named.id) {
        const best = result.best;
        out.note(`batt: warning: the measurement fits ${best !== undefined ? packLabel(best) : "no known pack"} better than ${packLabel(named)}; ${dryRun ? "not recorded (--dry-run)" : `recorded as ${packLabel(named)} as asked`}`);
      }
      if (values["json"] === true) {
        out.json(identifyJson(result, fingerprint, updated !== undefined));
        return;
      }
      out.print(`Measurement: ${packKind(fingerprint)} · pack IR ${formatMilliohm(fingerprint.packIrMilliohm)} mΩ · ${formatDate(fingerprint.measuredAt)}`);
      out.print(formatCandidates(result));
      const best = result.best;
      if (named !== undefined) {
        if (updated !== undefined) out.print(`Added the measurement to the history of ${named.id} (${updated.history.length} measurements), as given by --pack.`);
        else out.print(`--dry-run: the history of ${named.id} was not updated.`);
      } else if (result.status === "match" && best !== undefined) {
        out.print(`Match: ${packLabel(best)} (confidence ${formatConfidence(best.confidence)})`);
        if (updated !== undefined) out.print(`Added the measurement to the history of ${best.id} (${updated.history.length} measurements).`);
        else out.print(`--dry-run: the history of ${best.id} was not updated.`);
      } else if (result.status === "ambiguous" && best !== undefined) {
        out.print(`Ambiguous: most likely ${packLabel(best)} (confidence ${formatConfidence(best.confidence)}), but not certain enough. Nothing was recorded.`);
      } else {
        out.print(`Unknown: no pack in the library fits this measurement (confidence ${formatConfidence(result.unknownConfidence)}). Nothing was recorded; enrol it with "batt fingerprint enroll --name NAME".`);
      }
    },
  };
}
