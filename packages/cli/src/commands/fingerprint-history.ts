import { formatHistoryTable, formatIrChart, historyJson } from "@batt/fingerprint";
import { choiceValue, integerValue } from "../args.js";
import type { CommandNode } from "../command.js";
import { JSON_OPTION } from "../link-options.js";
import { findPack, libraryOption, openLibrary } from "./fingerprint-library.js";

/** `batt fingerprint history NAME`: a pack's measurements as a table and its IR over time as a chart. */
export function fingerprintHistoryCommand(): CommandNode {
  return {
    kind: "command",
    name: "history",
    summary: "show a pack's IR over time (table and chart)",
    description:
      "Shows every measurement of a pack, oldest first (date, pack IR, change since the first, cell IRs, the most deviating cell, how it was attributed), and a chart of the pack IR (or each cell's, with --series cells) over time. The pack is named by its id or its name.",
    usage: "<pack>",
    positionals: { min: 1, max: 1 },
    options: [
      { name: "series", type: "string", valueName: "pack|cells", description: "chart the pack IR, or each cell's IR marked with its number", default: "pack" },
      { name: "width", type: "string", valueName: "N", description: "chart width in columns", default: "48" },
      { name: "height", type: "string", valueName: "N", description: "chart height in rows", default: "10" },
      libraryOption(),
      JSON_OPTION,
    ],
    examples: ['batt fingerprint history "Tattu 1300 #3"', "batt fingerprint history pack-2 --series cells", "batt fingerprint history pack-2 --json"],
    async run({ values, positionals, out }) {
      const series = choiceValue(values, "series", ["pack", "cells"] as const) ?? "pack";
      const width = integerValue(values, "width", 8, 400) ?? 48;
      const height = integerValue(values, "height", 3, 100) ?? 10;
      const { path, packs } = openLibrary(values);
      const record = findPack(await packs(), positionals[0]!, path);
      if (values["json"] === true) {
        out.json(historyJson(record));
        return;
      }
      out.print(formatHistoryTable(record));
      out.print("");
      out.print(formatIrChart(record, { series, width, height }));
    },
  };
}
