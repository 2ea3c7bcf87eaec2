import type { DevicePlugin, PluginOptionValues } from "@batt/core";

/**
 * One entry of the device menu: a device package's plugin (the one description of a device, which
 * the `batt` command uses too), with the options this entry gives it. The page knows no device.
 */
export interface DashboardDevice {
  /** Menu value (`jbd`, `jk-pb`). */
  readonly id: string;
  /** Options handed to the plugin's `connect` and `simulate` (`{ protocol: "pb", address: "1,2" }`). */
  readonly options: PluginOptionValues;
  /** What the menu says after the plugin's title (`· JK-PB, two packs`), when one plugin has several entries. */
  readonly variant?: string;
  /** The plugin, imported when the page starts (each in its own chunk). */
  readonly plugin: DevicePlugin;
}

/** A device package's `./cli` module, as the page imports it. */
export interface PluginModule {
  /** The device plugin. */
  readonly plugin: DevicePlugin;
}
