/**
 * The known words closest to a mistyped one ("did you mean"): by edit distance (a swap of two
 * neighbouring letters counts once), within a third of the word's length, closest first. A known
 * word that starts with what was typed also counts, so `covp` suggests `covp_release`.
 */
export function suggest(word: string, known: readonly string[], limit = 3): string[] {
  const typed = word.toLowerCase();
  const bound = Math.max(1, Math.floor(typed.length / 3));
  const scored = known
    .map((name) => {
      const candidate = name.toLowerCase();
      const prefix = typed.length >= 2 && candidate.startsWith(typed) ? candidate.length - typed.length : Number.POSITIVE_INFINITY;
      const distance = editDistance(typed, candidate);
      return { name, score: distance <= bound ? distance : prefix <= 12 ? bound + 1 : Number.POSITIVE_INFINITY };
    })
    .filter((s) => Number.isFinite(s.score) && s.name.toLowerCase() !== typed);
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
