import { listJson } from "@batt/fingerprint";
import type { CommandNode } from "../command.js";
import { JSON_OPTION } from "../link-options.js";
import { formatPackList } from "./fingerprint-format.js";
import { libraryOption, openLibrary } from "./fingerprint-library.js";

/** `batt fingerprint list`: the packs in the library. */
export function fingerprintListCommand(): CommandNode {
  return {
    kind: "command",
    name: "list",
    summary: "list the packs in the library",
    description:
      "Lists the packs in the library: id, name, cells and chemistry, the latest pack IR and its change since enrolment, the latest largest cell deviation from the mean, the number of measurements and the date of the last one.",
    options: [libraryOption(), JSON_OPTION],
    examples: ["batt fingerprint list", "batt fingerprint list --library packs.json --json"],
    async run({ values, out }) {
      const { path, packs } = openLibrary(values);
      const records = await packs();
      if (values["json"] === true) {
        out.json(listJson(records));
        return;
      }
      if (records.length === 0) {
        out.print("(no packs)");
        out.note(`the library ${path} is empty; enrol a pack with "batt fingerprint enroll"`);
        return;
      }
      out.print(formatPackList(records));
    },
  };
}
