import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared.js";

// Two builds: the platform-free main entry, and the Node-only `./node` entry (the JSON-file store), whose
// declarations need Node's types from src/node/tsconfig.json (the config editors and the linter also find for
// src/node). Only the first build cleans dist/.
export default defineConfig([
  packageBuild({ entry: { index: "src/index.ts" } }),
  {
    ...packageBuild({ entry: { "node/index": "src/node/index.ts" }, platform: "node" }),
    clean: false,
    tsconfig: "src/node/tsconfig.json",
  },
]);
