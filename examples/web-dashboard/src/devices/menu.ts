import { info as evcharger } from "@batt/evcharger/info";
import { info as icharger } from "@batt/icharger/info";
import { info as jbd } from "@batt/jbd/info";
import { info as jk } from "@batt/jk/info";
import { info as voltaic } from "@batt/voltaic/info";
import type { DashboardDevice } from "./device.js";
import { pluginLoader } from "./plugin-loader.js";

// The descriptions are tiny and in the main chunk; each plugin's code is an `import()`, a chunk of its own fetched on first use.
const jkPlugin = pluginLoader(() => import("@batt/jk/cli"));

/** The devices offered, in menu order: each package's plugin description, with the entry's options. */
export const DEVICES: readonly DashboardDevice[] = [
  { id: "jbd", options: {}, info: jbd, plugin: pluginLoader(() => import("@batt/jbd/cli")) },
  { id: "jk", options: {}, variant: "4E57", info: jk, plugin: jkPlugin },
  { id: "jk-pb", options: { protocol: "pb", address: "1,2" }, variant: "JK-PB, packs 1 and 2", info: jk, plugin: jkPlugin },
  { id: "icharger", options: {}, info: icharger, plugin: pluginLoader(() => import("@batt/icharger/cli")) },
  { id: "voltaic", options: {}, info: voltaic, plugin: pluginLoader(() => import("@batt/voltaic/cli")) },
  { id: "evcharger", options: {}, info: evcharger, plugin: pluginLoader(() => import("@batt/evcharger/cli")) },
];

/** The menu label of a device: the plugin's title and the entry's variant. */
export function deviceLabel(device: DashboardDevice): string {
  return device.variant ? `${device.info.title} (${device.variant})` : device.info.title;
}
