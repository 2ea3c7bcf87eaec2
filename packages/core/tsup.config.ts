import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared.js";

export default defineConfig(packageBuild({ entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts", "simulator/index": "src/simulator/index.ts" } }));
