/**
 * Names close to a mistyped one, for "did you mean" (`covpx` → `covp`): edit distance (insert,
 * delete, replace) within a third of the name's length, or names that start with what was typed.
 */
export function closestNames(typed: string, names: readonly string[], limit = 3): string[] {
  const word = typed.toLowerCase();
  const bound = Math.max(1, Math.floor(word.length / 3));
  return names
    .map((name) => ({ name, distance: name.startsWith(word) && word.length >= 2 ? 0.5 : distance(word, name.toLowerCase()) }))
    .filter((c) => c.distance <= bound && c.name !== word)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}
