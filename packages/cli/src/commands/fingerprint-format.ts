import { formatConfidence, formatDate, formatMilliohm, formatPercent, largestDeviation, latestEntry, type Fingerprint, type MatchResult, type PackRecord } from "@batt/fingerprint";
import { formatTable } from "../output.js";
import { packLabel } from "./fingerprint-library.js";

/** `4S LiPo` (or `4S` when the chemistry is not known). */
export function packKind(item: { readonly cellCount: number; readonly chemistry?: string }): string {
  return `${item.cellCount}S${item.chemistry === undefined ? "" : ` ${item.chemistry}`}`;
}

/**
 * A measurement for a person: one row per cell (rest voltage when known, IR, IR ratio and its deviation
 * from the pack mean, which is the fingerprint), then the pack IR.
 */
export function formatMeasurement(fingerprint: Fingerprint): string {
  const ocv = fingerprint.ocvMillivolts;
  const header = ["Cell", ...(ocv ? ["OCV V"] : []), "IR mΩ", "Ratio", "Deviation"];
  const rows = fingerprint.cellIrMilliohm.map((ir, i) => {
    const ratio = fingerprint.irRatios[i]!;
    return [String(i + 1), ...(ocv ? [(ocv[i]! / 1000).toFixed(3)] : []), formatMilliohm(ir), ratio.toFixed(3), formatPercent(ratio - 1)];
  });
  const table = formatTable(header, rows, ["right", ...(ocv ? ["right" as const] : []), "right", "right", "right"]);
  const current = fingerprint.quality.currentMilliamps;
  const pulse = current === undefined ? "" : ` (load pulse at ${(current / 1000).toFixed(2)} A)`;
  return `${table}\nPack IR ${formatMilliohm(fingerprint.packIrMilliohm)} mΩ, sum of the cells${pulse}`;
}

/**
 * The ranked candidates of an identification: pack, confidence, chi-square p-value, change of the mean
 * cell IR since the pack's last measurement; then the "not in the library" hypothesis and what was left out.
 */
export function formatCandidates(result: MatchResult): string {
  const rows = result.candidates.map((c, i) => [
    String(i + 1),
    packLabel(c),
    formatConfidence(c.confidence),
    c.pValue.toFixed(3),
    formatPercent(c.packIrChange),
    c.ocvDistance === undefined ? "IR" : "IR+OCV",
  ]);
  rows.push(["", "(a pack not in the library)", formatConfidence(result.unknownConfidence), "", "", ""]);
  const lines = [formatTable(["#", "Candidate", "Confidence", "p-value", "IR change", "Compared"], rows, ["right", "left", "right", "right", "right", "left"])];
  const { cellCount, chemistry, packIr } = result.excluded;
  const left = [
    cellCount > 0 ? `${cellCount} with another cell count` : "",
    chemistry > 0 ? `${chemistry} of another chemistry` : "",
    packIr > 0 ? `${packIr} with a pack IR too far off` : "",
  ].filter(Boolean);
  if (left.length > 0) lines.push(`Not compared: ${left.join(", ")}.`);
  return lines.join("\n");
}

/** The packs of a library as a table: id, name, cells and chemistry, last pack IR and its change, measurements, last date. */
export function formatPackList(packs: readonly PackRecord[]): string {
  const rows = packs.map((pack) => {
    const first = pack.history[0]!;
    const last = latestEntry(pack);
    return [
      pack.id,
      pack.name ?? "",
      packKind(pack),
      formatMilliohm(last.packIrMilliohm),
      formatPercent(last.packIrMilliohm / first.packIrMilliohm - 1),
      formatPercent(largestDeviation(last.irRatios)),
      String(pack.history.length),
      formatDate(last.measuredAt),
    ];
  });
  return formatTable(["ID", "Name", "Pack", "Last IR mΩ", "Change", "Max dev", "Measurements", "Last"], rows, ["left", "left", "left", "right", "right", "right", "right", "left"]);
}
