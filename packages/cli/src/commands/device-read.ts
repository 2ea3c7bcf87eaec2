import { formatReading, type DevicePlugin } from "@batt/core";
import type { CommandNode } from "../command.js";
import { deviceLinkOptions, pluginOptionSpecs, pluginValues, withDeviceSession } from "./device-session.js";

/** `batt read <id>`: one complete reading of the device. */
export function deviceReadCommand(plugin: DevicePlugin): CommandNode {
  const base = deviceLinkOptions(plugin);
  const own = pluginOptionSpecs(plugin, [], base);
  return {
    kind: "command",
    name: plugin.id,
    summary: `read ${plugin.title} once`,
    description: `Reads the live values and status of a ${plugin.title} once and prints them.`,
    options: [...own, ...base],
    examples: [`batt read ${plugin.id} --sim`, `batt read ${plugin.id} --port /dev/ttyUSB0 --json`],
    async run(context) {
      const reading = await withDeviceSession(context, plugin, pluginValues(context.values, own), (session) => session.read(context.signal));
      if (context.values["json"] === true) context.out.json(reading);
      else context.out.print(formatReading(reading));
    },
  };
}
