import type { DevicePlugin, DeviceSession, PluginOption, PluginOptionValues } from "@batt/core";
import { GLOBAL_OPTIONS } from "../args.js";
import type { CommandContext, OptionSpec, OptionValues } from "../command.js";
import { JSON_OPTION, linkOptions } from "../link-options.js";
import { withLink } from "../link.js";
import { toJson } from "../output.js";

/** The options `read`, `monitor` and device subcommands share: link options plus `--json`. */
export function deviceLinkOptions(plugin: DevicePlugin): OptionSpec[] {
  const baud = plugin.link.kind === "serial" ? plugin.link.baudRate : undefined;
  return [JSON_OPTION, ...linkOptions({ ...(baud !== undefined ? { baudDefault: baud } : {}), hid: plugin.link.kind === "hid", sim: plugin.simulate !== undefined })];
}

/**
 * A plugin's options as CLI options, under a heading with the device's name. An option whose name
 * a built-in option already uses is left out (the built-in one wins), so a plugin cannot change
 * what `--port` or `--help` mean.
 */
export function pluginOptionSpecs(plugin: DevicePlugin, extra: readonly PluginOption[], taken: readonly OptionSpec[]): OptionSpec[] {
  const used = new Set([...taken, ...GLOBAL_OPTIONS].map((s) => s.name));
  const specs: OptionSpec[] = [];
  for (const option of [...(plugin.options ?? []), ...extra]) {
    if (used.has(option.name)) continue;
    used.add(option.name);
    specs.push({
      name: option.name,
      type: option.type,
      ...(option.type === "string" ? { valueName: option.valueName ?? option.name } : {}),
      description: option.description,
      ...(option.default !== undefined ? { default: option.default } : {}),
      section: `${plugin.title} options`,
    });
  }
  return specs;
}

/** The values of a plugin's (and a plugin command's) options, by long name. */
export function pluginValues(values: OptionValues, specs: readonly OptionSpec[]): PluginOptionValues {
  return Object.fromEntries(specs.map((s) => [s.name, values[s.name]]));
}

/**
 * Opens the link the flags ask for (or the plugin's simulator with `--sim`), connects the plugin's
 * driver, runs `work`, and always closes both.
 */
export async function withDeviceSession<T>(
  context: CommandContext,
  plugin: DevicePlugin,
  options: PluginOptionValues,
  work: (session: DeviceSession) => Promise<T>,
): Promise<T> {
  // Option values are checked before the link opens: a usage error sends nothing.
  for (const option of plugin.options ?? []) {
    const value = options[option.name];
    if (option.check && typeof value === "string") option.check(value);
  }
  const simulate = plugin.simulate?.bind(plugin);
  return withLink(
    {
      values: context.values,
      defaults: plugin.link,
      argv: context.argv,
      out: context.out,
      tap: true,
      ...(simulate ? { simulate: (device) => simulate(device, options) } : {}),
    },
    async (link) => {
      const session = await plugin.connect(link.transport, options);
      try {
        return await work(session);
      } finally {
        await session.close();
      }
    },
  );
}

/** A plugin result for a person: the plugin's formatter, text as it is, or indented JSON. */
export function formatForPerson(value: unknown, format?: (value: unknown) => string): string {
  if (format) return format(value);
  if (typeof value === "string") return value;
  return toJson(value, 2);
}
