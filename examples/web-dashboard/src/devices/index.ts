import type { DashboardDevice, PluginModule } from "./device.js";

/** Entries of the device menu, in order: which package's plugin, with which options. */
const ENTRIES: readonly { readonly id: string; readonly load: () => Promise<PluginModule>; readonly options?: DashboardDevice["options"]; readonly variant?: string }[] = [
  { id: "jbd", load: () => import("@batt/jbd/cli") },
  { id: "jk", load: () => import("@batt/jk/cli"), variant: "4E57" },
  { id: "jk-pb", load: () => import("@batt/jk/cli"), options: { protocol: "pb", address: "1,2" }, variant: "JK-PB, packs 1 and 2" },
  { id: "icharger", load: () => import("@batt/icharger/cli") },
  { id: "voltaic", load: () => import("@batt/voltaic/cli") },
  { id: "evcharger", load: () => import("@batt/evcharger/cli") },
];

/** The devices offered, in menu order, from their packages' plugins. */
export async function loadDevices(): Promise<DashboardDevice[]> {
  return Promise.all(
    ENTRIES.map(async ({ id, load, options = {}, variant }) => ({ id, options, ...(variant ? { variant } : {}), plugin: (await load()).plugin })),
  );
}

/** The menu label of a device: the plugin's title and the entry's variant. */
export function deviceLabel(device: DashboardDevice): string {
  return device.variant ? `${device.plugin.title} (${device.variant})` : device.plugin.title;
}

export type { DashboardDevice, PluginModule } from "./device.js";
