// Shared tsup settings: ESM + CJS + declarations for every package.
// Declarations are built against the *published* shape of sibling packages (no `@batt/source`
// condition), so each package's .d.ts imports `@batt/core` instead of inlining it.

/**
 * @param {{ entry: Record<string, string>, platform?: "neutral" | "node", banner?: string }} options
 * @returns {import("tsup").Options}
 */
export function packageBuild({ entry, platform = "neutral" }) {
  return {
    entry,
    format: ["esm", "cjs"],
    platform,
    target: "es2022",
    // Maps point at the sources shipped in the package's src/ ("../src/…"), so they do not embed
    // them again (sourcesContent would double the installed size).
    sourcemap: true,
    esbuildOptions(options) {
      options.sourcesContent = false;
    },
    clean: true,
    splitting: false,
    treeshake: true,
    dts: {
      compilerOptions: {
        customConditions: [],
        lib: platform === "node" ? ["ES2022"] : ["ES2022", "DOM"],
        types: platform === "node" ? ["node"] : [],
        noEmit: false,
      },
    },
  };
}
