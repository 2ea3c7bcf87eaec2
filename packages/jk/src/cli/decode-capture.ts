import { BattError, toHex, type PluginOptionValues } from "@batt/core";
import { decodeRtuFrame } from "@batt/modbus-rtu";
import { JkCommand } from "../constants.js";
import { identifierById } from "../identifiers/identifier-table.js";
import { jkReadingOf } from "../jk-reading.js";
import { decodeJkFrame } from "../parser.js";
import { decodeInfoField } from "../snapshot.js";
import { decodeValue } from "../value-codec.js";
import { protocolOf, temperatureRuleOf } from "./cli-options.js";

const COMMAND_NAMES: Readonly<Record<number, string>> = {
  [JkCommand.Activate]: "activate",
  [JkCommand.Write]: "write",
  [JkCommand.Read]: "read",
  [JkCommand.Password]: "password",
  [JkCommand.ReadAll]: "read-all",
};

/**
 * `batt decode jk <hex>`: one 4E57 frame (or, with `--protocol pb`, one Modbus RTU frame) decoded
 * to JSON-ready data. A read-all reply is decoded in full (every identifier it carries, as the
 * details of a `JkBms` reading); a write or single read shows its value.
 *
 * @throws BattError `checksum` for a bad sum (unless `--no-verify`), `frame` for a truncated or malformed frame.
 */
export function decodeCapture(bytes: Uint8Array, options: PluginOptionValues): unknown {
  if (protocolOf(options) === "pb") {
    if (bytes[0] === 0x55 && bytes[1] === 0xaa) throw new BattError("unsupported", "55 AA EB 90 frames (JK-PB protocol 2) are not decoded");
    const frame = decodeRtuFrame(bytes);
    return { unit: frame.unit, functionCode: frame.pdu[0], data: toHex(frame.pdu.subarray(1)) };
  }
  const verify = options["no-verify"] !== true;
  const frame = decodeJkFrame(bytes, { ignoreChecksum: !verify });
  const rule = temperatureRuleOf(options);
  const header = {
    command: COMMAND_NAMES[frame.command] ?? `0x${frame.command.toString(16)}`,
    transmission: frame.transmission,
    source: frame.source,
    ...(verify ? {} : { checksumVerified: false }),
  };
  if (frame.transmission === "request" || frame.command === JkCommand.Write || frame.info.length === 0) {
    const spec = identifierById(frame.info[0] ?? 0);
    const raw = frame.info.subarray(1);
    const value = spec && spec.kind !== "cells" && raw.length === spec.size ? decodeValue(spec, raw, { protocolVersion: 1, ...(rule ? { temperatureRule: rule } : {}) }) : undefined;
    return { ...header, identifier: frame.info[0], ...(spec ? { name: spec.key } : {}), ...(raw.length > 0 ? { raw: toHex(raw) } : {}), ...(value !== undefined ? { value } : {}) };
  }
  const snapshot = decodeInfoField(frame.info, rule ? { temperatureRule: rule } : {});
  return { ...header, ...jkReadingOf(snapshot) };
}
