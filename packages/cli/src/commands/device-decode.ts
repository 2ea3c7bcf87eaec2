import { BattError, fromHex, isBattError, type DevicePlugin } from "@batt/core";
import type { CommandNode } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { colourWanted } from "../colour.js";
import { JSON_OPTION } from "../link-options.js";
import { presentResult } from "../present.js";
import { pluginOptionSpecs, pluginValues } from "./device-session.js";

/**
 * `batt decode <id> <hex…>`: decodes a captured frame offline and prints its fields (JSON with `--json`). Text that is not
 * hex, or no bytes at all, is a usage error; bytes the device's decoder rejects are a device error (exit 1).
 */
export function deviceDecodeCommand(plugin: DevicePlugin): CommandNode {
  const own = pluginOptionSpecs(plugin, [], []);
  return {
    kind: "command",
    name: plugin.id,
    summary: `decode a captured ${plugin.title} frame`,
    description: `Decodes bytes captured from a ${plugin.title} (hex; spaces, colons and 0x prefixes allowed; may be split over several arguments) and prints the decoded fields (JSON with --json).`,
    usage: "<hex…>",
    positionals: { min: 1, max: Number.MAX_SAFE_INTEGER },
    options: [...own, JSON_OPTION],
    async run(context) {
      let bytes: Uint8Array;
      try {
        bytes = fromHex(context.positionals.join(" "));
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      if (bytes.length === 0) throw new UsageError(`no bytes to decode: give the captured frame in hex (batt decode ${plugin.id} <hex…>)`);
      let decoded: unknown;
      try {
        decoded = plugin.decode!(bytes, pluginValues(context.values, own));
      } catch (error) {
        // Whatever the decoder rejects is bytes that are not a valid frame: a device error, not a usage error.
        if (isBattError(error) && error.code !== "invalid-argument") throw error;
        throw new BattError("frame", error instanceof Error ? error.message : String(error), { cause: error, ...(isBattError(error) ? { context: error.context } : {}) });
      }
      if (context.values["json"] === true) context.out.json(decoded);
      else context.out.print(presentResult(decoded, colourWanted(context.out.stdout)));
    },
  };
}
