// Regenerates the config reference in packages/gateway/README.md from the JSON Schema
// (between the config-reference markers). Run: pnpm --filter @batt/gateway config-reference
import { readFileSync, writeFileSync } from "node:fs";
import { configReference } from "../src/config/config-reference.js";
import { README_MARKERS, replaceReference } from "../src/config/readme-section.js";

const file = new URL("../README.md", import.meta.url);
const before = readFileSync(file, "utf8");
const after = replaceReference(before, configReference());
if (after === before) console.log("README.md config reference is up to date");
else {
  writeFileSync(file, after);
  console.log(`README.md config reference rewritten (${README_MARKERS.start} … ${README_MARKERS.end})`);
}
