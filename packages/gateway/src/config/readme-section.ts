/** The markers around the generated config reference in the package README. */
export const README_MARKERS = { start: "<!-- config-reference:start -->", end: "<!-- config-reference:end -->" } as const;

/** The README text with the part between the markers replaced by `reference`. */
export function replaceReference(readme: string, reference: string): string {
  const start = readme.indexOf(README_MARKERS.start);
  const end = readme.indexOf(README_MARKERS.end);
  if (start < 0 || end < start) throw new Error(`the README has no ${README_MARKERS.start} … ${README_MARKERS.end} section`);
  return `${readme.slice(0, start + README_MARKERS.start.length)}\n${reference}\n${readme.slice(end)}`;
}
