import type { DevicePlugin } from "@batt/core";
import type { PluginModule } from "./device.js";

/**
 * A plugin loader that imports the plugin's module once: a failed load (the page's server gone) is
 * forgotten, so that the next click tries again.
 */
export function pluginLoader(load: () => Promise<PluginModule>): () => Promise<DevicePlugin> {
  let loading: Promise<DevicePlugin> | undefined;
  return () => {
    loading ??= load().then(
      (module) => module.plugin,
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
}
