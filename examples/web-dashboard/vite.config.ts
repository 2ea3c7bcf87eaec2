import { defaultClientConditions, defineConfig } from "vite";

// Builds from the workspace sources of @batt/* (their `@batt/source` export condition): no package build needed.
export default defineConfig({
  base: "./",
  resolve: { conditions: ["@batt/source", ...defaultClientConditions] },
  build: { target: "es2022", sourcemap: true },
  preview: { host: "127.0.0.1" },
  server: { host: "127.0.0.1" },
});
