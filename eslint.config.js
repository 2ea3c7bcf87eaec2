// ESLint flat config for the whole workspace.
//
// Mostly syntax-only rules keep `pnpm lint` fast on small machines; the compiler (`pnpm typecheck`)
// covers the rest. Package sources additionally get the few type-aware promise rules, because a lost
// rejection in I/O code is a hang or a crash that no type error reveals.
import { builtinModules } from "node:module";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

/** Packages that must run unchanged in Node and in a browser. */
const PLATFORM_FREE = [
  "core",
  "modbus-rtu",
  "jbd",
  "jk",
  "icharger",
  "voltaic",
  "evcharger",
  "fingerprint",
  "transport-web",
];

const PLATFORM_FREE_MESSAGE =
  "Platform-free packages use Uint8Array/DataView and the globals in types/portable-globals.d.ts only; Node APIs belong in @batt/transport-node or @batt/cli.";

/** Every Node built-in by bare name (`fs`, `fs/promises`, ...); internal `_`-prefixed modules are not importable. */
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith("_"));

/** Globals that exist in only one runtime (Node or the browser). */
const RUNTIME_SPECIFIC_GLOBALS = [
  "Buffer",
  "process",
  "__dirname",
  "__filename",
  "require",
  "module",
  "exports",
  "global",
  "setImmediate",
  "clearImmediate",
  "window",
  "document",
].map((name) => ({ name, message: PLATFORM_FREE_MESSAGE }));

/** Node globals used by the workspace's own scripts and config files. */
const NODE_GLOBALS = Object.fromEntries(
  [
    "process",
    "console",
    "Buffer",
    "URL",
    "URLSearchParams",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "performance",
    "structuredClone",
    "AbortController",
    "AbortSignal",
    "TextEncoder",
    "TextDecoder",
  ].map((name) => [name, "readonly"]),
);

export default defineConfig(
  globalIgnores(["**/dist/", "**/docs/", "**/node_modules/", "**/coverage/", "**/.bench-out/", "**/*.d.ts"]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: "batt/typescript",
    files: ["**/*.ts", "**/*.mts", "**/*.cts"],
    rules: {
      // `verbatimModuleSyntax` keeps type-only imports in the output unless they say `type`.
      // `typeof import("x")` stays allowed: it types lazily loaded optional modules and emits nothing.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      // `import { type A } from "x"` would still load "x" at runtime under verbatimModuleSyntax.
      "@typescript-eslint/no-import-type-side-effects": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },

  {
    name: "batt/package-sources",
    files: ["packages/*/src/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
    },
  },

  {
    name: "batt/package-sources-typed",
    files: ["packages/*/src/**/*.ts"],
    languageOptions: {
      // Each file is checked with its package's tsconfig.json (which resolves siblings through `@batt/source`).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
    },
  },

  {
    name: "batt/tests",
    files: ["packages/*/test/**/*.ts", "bench/**/*.ts"],
    rules: {
      // Tests feed deliberately malformed values; `as any` there is a probe, not an API.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },

  {
    name: "batt/platform-free",
    files: PLATFORM_FREE.map((name) => `packages/${name}/src/**/*.ts`),
    // src/node/ holds a package's Node-only entry (`<pkg>/node`, e.g. a file store), kept out of the main entry.
    ignores: ["**/*.test.ts", "**/*.spec.ts", "packages/*/src/node/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: PLATFORM_FREE_MESSAGE })),
          patterns: [{ group: ["node:*"], message: PLATFORM_FREE_MESSAGE }],
        },
      ],
      "no-restricted-globals": ["error", ...RUNTIME_SPECIFIC_GLOBALS],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportExpression > Literal[value=/^node:/]",
          message: PLATFORM_FREE_MESSAGE,
        },
      ],
    },
  },

  {
    name: "batt/node-scripts",
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: NODE_GLOBALS },
  },
);
