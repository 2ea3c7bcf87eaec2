import { toHex } from "@batt/core";
import { decodeEb90 } from "../eb90/eb90-decode.js";
import { eb90DeviceInfoOf } from "../eb90/eb90-device-info.js";
import { generationOf, type Eb90Generation } from "../eb90/eb90-generation.js";
import { guessGeneration } from "../eb90/eb90-guess.js";
import { eb90LiveData } from "../eb90/eb90-live.js";
import { decodeEb90Frame } from "../eb90/eb90-parser.js";
import { jkPbBusParser } from "../pb/pb-bus-parser.js";

/**
 * A `55 AA EB 90` capture decoded to JSON-ready data: the frame's values in the layout of `generation`
 * (else the device info's own versions, else a guess, said so), the live summary of a JK02 cell info
 * frame, and what followed the 300 bytes: a JK-PB acknowledgement (the sender's address) or the count
 * of other bytes.
 *
 * @throws BattError `frame` for fewer than 300 bytes, `checksum` for a bad sum (unless `verify` is false).
 */
export function decodeEb90Capture(bytes: Uint8Array, verify: boolean, generation: Eb90Generation | undefined): Record<string, unknown> {
  const frame = decodeEb90Frame(bytes, { ignoreChecksum: !verify });
  let chosen = generation;
  let from = "option";
  if (chosen === undefined && frame.type === 0x03) {
    chosen = generationOf(eb90DeviceInfoOf(decodeEb90(frame, "jk02-32s").values));
    from = "device-info";
  }
  if (chosen === undefined) {
    chosen = guessGeneration(frame);
    from = "guess (give --generation to choose)";
  }
  const decoded = decodeEb90(frame, chosen);
  const rest = bytes.subarray(300);
  let after: Record<string, unknown> = {};
  if (rest.length > 0) {
    let at = 0;
    while (at < rest.length && at < 2 && rest[at] === 0) at++;
    const token = jkPbBusParser.parse(rest.subarray(at));
    after =
      token.kind === "frame" && token.frame.kind === "ack"
        ? { acknowledgement: { address: token.frame.address, register: token.frame.register }, ...(rest.length > at + token.length ? { trailingBytes: rest.length - at - token.length } : {}) }
        : { trailingBytes: rest.length, trailing: toHex(rest.subarray(0, 32)) };
  }
  return {
    protocol: "55aa-eb90",
    frame: decoded.kind,
    type: decoded.type,
    counter: decoded.counter,
    generation: chosen,
    generationFrom: from,
    ...(verify ? {} : { checksumVerified: false }),
    values: decoded.values,
    ...(decoded.kind === "cell-info" && chosen !== "jk04" ? { live: eb90LiveData(decoded.values, chosen) } : {}),
    ...after,
  };
}
