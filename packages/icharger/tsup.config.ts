import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared.js";

export default defineConfig(packageBuild({ entry: {"index": "src/index.ts", "simulator/index": "src/simulator/index.ts", "cli": "src/cli.ts", "cli/info": "src/cli/info.ts"} }));
