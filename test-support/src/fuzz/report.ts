import type { FuzzStats } from "./runner.js";

function pad(text: string | number, width: number): string {
  const s = String(text);
  return s.length >= width ? s : s + " ".repeat(width - s.length);
}

/**
 * One table row per target: inputs, values, typed errors, other exceptions, failures, the largest work
 * count and the largest growth of work when a long input grows four times (with a work meter), the run
 * time and the slowest input.
 */
export function formatStatsTable(all: readonly FuzzStats[]): string {
  const header = `${pad("decoder", 56)}${pad("inputs", 9)}${pad("values", 9)}${pad("typed", 9)}${pad("other", 7)}${pad("fail", 6)}${pad("max work", 10)}${pad("4x len", 8)}${pad("run ms", 8)}slowest`;
  const rows = all.map((s) => {
    const slow = s.slowest ? `${s.slowest.ms.toFixed(3)} ms  ${s.slowest.hex}` : "";
    return `${pad(s.target, 56)}${pad(s.inputs, 9)}${pad(s.decoded, 9)}${pad(s.typedErrors, 9)}${pad(s.otherExceptions, 7)}${pad(s.failureCount, 6)}${pad(s.maxWork?.work ?? "-", 10)}${pad(s.scaling.length === 0 ? "-" : `×${Math.max(...s.scaling.map((x) => x.ratio)).toFixed(1)}`, 8)}${pad(s.elapsedMs === undefined ? "-" : Math.round(s.elapsedMs), 8)}${slow}`;
  });
  return [header, ...rows].join("\n");
}
