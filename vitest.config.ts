import { defaultClientConditions, defaultServerConditions } from "vite";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Tests run against workspace sources through the `@batt/source` export condition: no build needed.
export default defineConfig({
  resolve: { conditions: ["@batt/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@batt/source", ...defaultServerConditions] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts", "bench/**/*.test.ts", "scripts/test/**/*.test.ts"],
    // Real-process tests start the CLI from sources several times; a busy machine needs the room.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Most time goes to waiting (Chromium, pseudo-terminals, child processes), not CPU: on a 2-core
    // machine vitest's default of one worker leaves a core idle. Two at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // In CI a JSON report is kept too, so the CI script can print one plain "N passed, N failed" line.
    ...(process.env["CI"] ? { reporters: ["default", "json"], outputFile: { json: ".ci-results/vitest.json" } } : {}),
  },
});
