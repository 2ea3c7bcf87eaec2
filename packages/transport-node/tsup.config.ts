import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared.js";

export default defineConfig({
  ...packageBuild({ entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts" }, platform: "node" }),
  // node-hid is an optional dependency, loaded with import() at run time; it must never be bundled.
  external: ["node-hid"],
});
