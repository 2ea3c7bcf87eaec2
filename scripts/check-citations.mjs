#!/usr/bin/env node
// Checks that every protocol citation in the sources names a file and a heading that exist.
//
// A citation is `docs/protocols/<file>.md` or `docs/protocols/<file>.md#<anchor>`, the anchor being the GitHub slug
// of a heading of that file. Also reported: section signs (the old "reference, section 4.1" style, which names no file),
// paths into the shared working notes, and bare protocol file names without the docs/protocols/ prefix.
// Relative links inside docs/protocols/*.md and docs/protocols citations in the root README are checked the same way.
//
// Usage: node scripts/check-citations.mjs   (exit 1 and a list when something is broken)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Folder of the protocol notes, relative to the repository root. */
export const DOCS_DIR = "docs/protocols";

/** Folders whose source and test files are searched for citations. */
export const SOURCE_ROOTS = ["packages", "examples", "bench", "test-support", "scripts"];

const SOURCE_EXTENSIONS = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|vue|svelte)$/;
const SKIPPED_DIRS = new Set(["node_modules", "dist", "coverage", ".bench-out", ".turbo", ".vite"]);
const SECTION_SIGN = "\u00a7";
const CITATION = /docs\/protocols\/([A-Za-z0-9_.-]+\.md)(?:#([A-Za-z0-9_-]*))?/g;
const SHARED_NOTES = /shared\/(?:protocols|seeds)\//g;
const BARE_NAME = /(?<![\w/.-])(jbd|jk|icharger|voltaic|evcharger|modbus)\.md\b/g;
const MARKDOWN_LINK = /\]\(([^)\s]*)\)/g;

/**
 * The anchor GitHub gives a heading: inline markup dropped, lower case, everything but letters, digits, marks,
 * `_`, `-` and spaces removed, each space turned into `-`.
 */
export function slugify(heading) {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor of a markdown text: ATX headings outside code fences; repeated slugs get `-1`, `-2`, … as on GitHub. */
export function headingAnchors(markdown) {
  const anchors = new Set();
  const seen = new Map();
  let fence = null;
  for (const line of markdown.split("\n")) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker[0];
      else if (marker[0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = slugify(heading[1]);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The protocol notes as a map from file name to its set of anchors. */
export function loadDocs(root) {
  const docs = new Map();
  const dir = join(root, DOCS_DIR);
  for (const name of readdirSync(dir)) {
    if (name.endsWith(".md")) docs.set(name, headingAnchors(readFileSync(join(dir, name), "utf8")));
  }
  return docs;
}

function resolveCitation(docs, file, anchor) {
  const anchors = docs.get(file);
  if (anchors === undefined) return `no file ${DOCS_DIR}/${file}`;
  if (anchor === undefined) return null;
  if (anchor === "") return "empty heading anchor";
  return anchors.has(anchor) ? null : `no heading with anchor #${anchor} in ${DOCS_DIR}/${file}`;
}

function lineOf(text, index) {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Citations in one source text. Returns how many `docs/protocols/` citations it holds and the problems found:
 * citations that do not resolve against `docs`, section signs, paths into the shared notes and bare file names.
 */
export function checkSourceText(text, path, docs) {
  const problems = [];
  let citations = 0;
  const report = (index, citation, reason) => problems.push({ path, line: lineOf(text, index), citation, reason });
  for (const match of text.matchAll(CITATION)) {
    citations++;
    const reason = resolveCitation(docs, match[1], match[2]);
    if (reason) report(match.index, match[0], reason);
  }
  for (let i = text.indexOf(SECTION_SIGN); i !== -1; i = text.indexOf(SECTION_SIGN, i + 1)) {
    const start = text.lastIndexOf("\n", i) + 1;
    const end = text.indexOf("\n", i);
    report(i, text.slice(start, end === -1 ? undefined : end).trim(), "section sign without a file: cite docs/protocols/<file>.md#<anchor>");
  }
  for (const match of text.matchAll(SHARED_NOTES)) {
    report(match.index, match[0], "path into the shared working notes: cite docs/protocols/<file>.md#<anchor>");
  }
  for (const match of text.matchAll(BARE_NAME)) {
    report(match.index, match[0], `bare file name: cite ${DOCS_DIR}/${match[0]}#<anchor>`);
  }
  return { citations, problems };
}

/** Relative links (`other.md#anchor`, `#anchor`) of one protocol note, resolved against `docs`. */
export function checkDocLinks(text, name, docs) {
  const problems = [];
  let citations = 0;
  for (const match of text.matchAll(MARKDOWN_LINK)) {
    const target = match[1];
    if (/^[a-z]+:/i.test(target) || target.startsWith("/")) continue;
    const [file, anchor] = target.split("#", 2);
    if (file !== "" && !file.endsWith(".md")) continue;
    citations++;
    const reason = resolveCitation(docs, file === "" ? name : file, anchor);
    if (reason) problems.push({ path: `${DOCS_DIR}/${name}`, line: lineOf(text, match.index), citation: target, reason });
  }
  return { citations, problems };
}

function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (SKIPPED_DIRS.has(name) || name.startsWith(".")) continue;
    const path = join(dir, name);
    const stats = statSync(path);
    if (stats.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE_EXTENSIONS.test(name)) yield path;
  }
}

/** Checks the whole repository at `root`: every source and test file, the protocol notes' own links and the root README. */
export function checkRepository(root) {
  const docs = loadDocs(root);
  const problems = [];
  let citations = 0;
  let files = 0;
  const add = (result) => {
    citations += result.citations;
    problems.push(...result.problems);
  };
  for (const sourceRoot of SOURCE_ROOTS) {
    for (const path of sourceFiles(join(root, sourceRoot))) {
      files++;
      add(checkSourceText(readFileSync(path, "utf8"), relative(root, path), docs));
    }
  }
  for (const name of docs.keys()) add(checkDocLinks(readFileSync(join(root, DOCS_DIR, name), "utf8"), name, docs));
  const readme = readFileSync(join(root, "README.md"), "utf8");
  for (const match of readme.matchAll(CITATION)) {
    citations++;
    const reason = resolveCitation(docs, match[1], match[2]);
    if (reason) problems.push({ path: "README.md", line: lineOf(readme, match.index), citation: match[0], reason });
  }
  return { files, citations, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
  const { files, citations, problems } = checkRepository(root);
  if (problems.length > 0) {
    console.error(`check-citations: ${problems.length} broken citation(s):`);
    for (const p of problems) console.error(`  ${p.path}:${p.line}  ${p.citation}\n      ${p.reason}`);
    process.exit(1);
  }
  console.log(`check-citations: ${citations} citations in ${files} files resolve`);
}
