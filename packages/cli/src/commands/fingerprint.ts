import type { GroupNode } from "../command.js";
import { fingerprintEnrollCommand } from "./fingerprint-enroll.js";
import { fingerprintHistoryCommand } from "./fingerprint-history.js";
import { fingerprintIdentifyCommand } from "./fingerprint-identify.js";
import { fingerprintListCommand } from "./fingerprint-list.js";

/**
 * `batt fingerprint …`: identify battery packs by their cell IR ratios and OCV pattern, and follow each
 * pack's IR over time, in a library file. Built per call so `--help` shows this system's default library path.
 */
export function fingerprintGroup(): GroupNode {
  return {
    kind: "group",
    name: "fingerprint",
    summary: "identify battery packs by their IR pattern and follow their IR over time",
    description:
      "Identifies battery packs by their fingerprint: each cell's internal resistance over the pack mean (IR ratios) and, when rest voltages are known, the cells' OCV pattern. " +
      "Measurements come from numbers, a JSON file or an automatic IR run on an iCharger; packs and their history live in a JSON library file.",
    children: [fingerprintEnrollCommand(), fingerprintIdentifyCommand(), fingerprintListCommand(), fingerprintHistoryCommand()],
  };
}
