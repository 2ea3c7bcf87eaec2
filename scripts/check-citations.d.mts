/** Types of scripts/check-citations.mjs, for its tests. */

/** One citation that does not resolve, or an old-style citation that names no file. */
export interface CitationProblem {
  readonly path: string;
  readonly line: number;
  readonly citation: string;
  readonly reason: string;
}

/** Citations found in one text and the problems among them. */
export interface CitationCheck {
  readonly citations: number;
  readonly problems: CitationProblem[];
}

export const DOCS_DIR: string;
export const SOURCE_ROOTS: readonly string[];
export function slugify(heading: string): string;
export function headingAnchors(markdown: string): Set<string>;
export function loadDocs(root: string): Map<string, Set<string>>;
export function checkSourceText(text: string, path: string, docs: ReadonlyMap<string, ReadonlySet<string>>): CitationCheck;
export function checkDocLinks(text: string, name: string, docs: ReadonlyMap<string, ReadonlySet<string>>): CitationCheck;
export function checkRepository(root: string): CitationCheck & { readonly files: number };
