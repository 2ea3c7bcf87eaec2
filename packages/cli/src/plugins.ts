import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { DevicePlugin } from "@batt/core";

/** Options for {@link discoverPlugins}. */
export interface DiscoverOptions {
  /** The package.json whose dependencies are scanned (default: this package's own). */
  readonly packageJson?: string | URL;
  /** Loads a module by specifier (default: dynamic `import()` from this package). */
  readonly importModule?: (specifier: string) => Promise<unknown>;
  /** Told about a plugin package that exists but could not be loaded. */
  readonly warn?: (message: string) => void;
}

/** Scope of packages that may carry a `./cli` plugin. */
const SCOPE = "@batt/";

/**
 * Finds device plugins: every `@batt/*` dependency of the CLI's package.json whose exports map has a
 * `./cli` subpath is imported, and its `plugin` export is used. A package without that subpath
 * simply has no plugin; a broken one is reported through `warn` and skipped, so one bad package
 * cannot take the whole command down. Adding a device is adding a dependency, not editing a list.
 */
export async function discoverPlugins(options: DiscoverOptions = {}): Promise<DevicePlugin[]> {
  const packageJson = options.packageJson ?? new URL("../package.json", import.meta.url);
  const importModule = options.importModule ?? ((specifier: string) => import(specifier) as Promise<unknown>);
  const warn = options.warn ?? (() => undefined);
  const manifest = readJson(packageJson) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }).filter((n) => n.startsWith(SCOPE)).sort();
  const require = createRequire(packageJson);
  const plugins: DevicePlugin[] = [];
  for (const name of names) {
    if (!hasCliSubpath(require, name)) continue;
    try {
      const loaded = (await importModule(`${name}/cli`)) as { plugin?: unknown };
      const plugin = loaded.plugin;
      if (!isDevicePlugin(plugin)) warn(`${name}/cli does not export a device plugin named "plugin"`);
      else if (plugins.some((p) => p.id === plugin.id)) warn(`${name}/cli uses the device id "${plugin.id}" of another plugin; ignored`);
      else plugins.push(plugin);
    } catch (error) {
      warn(`cannot load ${name}/cli: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return plugins;
}

/** Whether a dependency's exports map declares `./cli` (read from its package.json, not guessed). */
function hasCliSubpath(require: NodeJS.Require, name: string): boolean {
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${name}/package.json`);
  } catch {
    return false; // not installed, or its package.json is not exported: no plugin to find
  }
  const exportsField = (readJson(manifestPath) as { exports?: unknown }).exports;
  return typeof exportsField === "object" && exportsField !== null && "./cli" in exportsField;
}

function readJson(file: string | URL): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** A shape check, so a wrong export fails with a message instead of later with a TypeError. */
export function isDevicePlugin(value: unknown): value is DevicePlugin {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Partial<DevicePlugin>;
  return (
    typeof p.id === "string" &&
    /^[a-z][a-z0-9-]*$/.test(p.id) &&
    typeof p.title === "string" &&
    typeof p.category === "string" &&
    typeof p.connect === "function" &&
    typeof p.link === "object"
  );
}
