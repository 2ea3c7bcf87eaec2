import { BattError, toHex, type PluginOptionValues } from "@batt/core";
import { decodeRtuFrame } from "@batt/modbus-rtu";
import { JkCommand } from "../constants.js";
import { identifierById } from "../identifiers/identifier-table.js";
import { jkReadingOf } from "../jk-reading.js";
import { decodeJkFrame } from "../parser.js";
import { decodeInfoField } from "../snapshot.js";
import { decodeValue } from "../value-codec.js";
import { findEb90Header } from "../eb90/eb90-parser.js";
import { generationOptionOf, protocolOf, temperatureRuleOf } from "./cli-options.js";
import { decodeEb90Capture } from "./decode-eb90-capture.js";

const COMMAND_NAMES: Readonly<Record<number, string>> = {
  [JkCommand.Activate]: "activate",
  [JkCommand.Write]: "write",
  [JkCommand.Read]: "read",
  [JkCommand.Password]: "password",
  [JkCommand.ReadAll]: "read-all",
};

/** The first `4E 57` in `bytes`, or -1. */
function find4e57(bytes: Uint8Array): number {
  for (let at = bytes.indexOf(0x4e); at >= 0 && at + 1 < bytes.length; at = bytes.indexOf(0x4e, at + 1)) if (bytes[at + 1] === 0x57) return at;
  return -1;
}

/**
 * `batt decode jk <hex>`: one 4E57 or `55 AA EB 90` frame (or, with `--protocol pb`, one Modbus RTU
 * frame) decoded to JSON-ready data. Bytes before the first header (the tail of an earlier frame, as
 * in syssi/esphome-jk-bms#489) are skipped and reported (`skipped`). A read-all reply is decoded in
 * full (every identifier it carries, as the details of a `JkBms` reading); a write or single read
 * shows its value; a `55 AA EB 90` frame shows its values in the layout of `--generation`.
 *
 * @throws BattError `checksum` for a bad sum (unless `--no-verify`), `frame` for a truncated or malformed frame or no header at all.
 */
export function decodeCapture(bytes: Uint8Array, options: PluginOptionValues): unknown {
  const verify = options["no-verify"] !== true;
  const protocol = protocolOf(options);
  const eb90 = findEb90Header(bytes, 0);
  const nw = protocol === "4e57" ? find4e57(bytes) : -1;
  if (eb90 >= 0 && (nw < 0 || eb90 < nw)) {
    return { ...skippedOf(bytes, eb90), ...decodeEb90Capture(bytes.subarray(eb90), verify, generationOptionOf(options)) };
  }
  if (protocol === "eb90") throw new BattError("frame", "no 55 AA EB 90 header in the capture", { context: { raw: bytes } });
  if (protocol !== "4e57") {
    const frame = decodeRtuFrame(bytes);
    return { unit: frame.unit, functionCode: frame.pdu[0], data: toHex(frame.pdu.subarray(1)) };
  }
  if (nw < 0) throw new BattError("frame", "no 4E 57 or 55 AA EB 90 header in the capture", { context: { raw: bytes } });
  return { ...skippedOf(bytes, nw), ...decode4e57(bytes.subarray(nw), options, verify) };
}

/** What came before the header, when anything did. */
function skippedOf(bytes: Uint8Array, at: number): Record<string, unknown> {
  return at > 0 ? { skipped: { bytes: at, hex: toHex(bytes.subarray(0, at)) } } : {};
}

function decode4e57(bytes: Uint8Array, options: PluginOptionValues, verify: boolean): Record<string, unknown> {
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
