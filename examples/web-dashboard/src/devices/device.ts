import type { DevicePlugin, DevicePluginInfo, PluginOptionValues } from "@batt/core";

/**
 * One entry of the device menu: a device package's plugin description (its `./info` module: title,
 * category, default link), with the options this entry gives the plugin, and a loader for the plugin's
 * code (its `./cli` module, in a chunk of its own). The page knows no device.
 */
export interface DashboardDevice {
  /** Menu value (`jbd`, `jk-pb`). */
  readonly id: string;
  /** Options handed to the plugin's `connect` and `simulate` (`{ protocol: "pb", address: "1,2" }`). */
  readonly options: PluginOptionValues;
  /** What the menu says after the plugin's title (`· JK-PB, two packs`), when one plugin has several entries. */
  readonly variant?: string;
  /** What the plugin is, without its code: enough for the menu and the link buttons. */
  readonly info: DevicePluginInfo;
  /** The plugin, fetched on first use (Connect, Bluetooth or Demo); later calls share the first load. */
  plugin(): Promise<DevicePlugin>;
}

/** A device package's `./cli` module, as the page imports it. */
export interface PluginModule {
  /** The device plugin. */
  readonly plugin: DevicePlugin;
}
