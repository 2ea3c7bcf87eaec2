import { BattError, fromHex } from "@batt/core";
import { decodeResponse, decodeRtuFrame, encodeRtuFrame, type RegisterMap, type RegisterFields } from "@batt/modbus-rtu";
import { JK_SHAPE, RTU_SHAPE } from "@batt/test-support/fuzz/shapes";
import { streamTarget, verifiedFrame } from "@batt/test-support/fuzz/stream-target";
import type { FuzzTarget, Mutator } from "@batt/test-support/fuzz/target";
import { decodeCapture } from "../src/cli/decode-capture.js";
import { identifierById } from "../src/identifiers/identifier-table.js";
import { liveData } from "../src/live-data.js";
import { decodeJkFrame, jkFrameParser, jkReplyParser } from "../src/parser.js";
import type { JkFrame, JkReplyFrame } from "../src/frame.js";
import { JkPbBlock } from "../src/pb/pb-blocks.js";
import { JK_PB_DEVICE_INFO_MAP } from "../src/pb/pb-device-info-map.js";
import { pbLiveData } from "../src/pb/pb-live-data.js";
import { JK_PB_LIVE_MAP } from "../src/pb/pb-live-map.js";
import { JK_PB_SETTINGS_MAP } from "../src/pb/pb-settings-map.js";
import { settingsOf } from "../src/settings.js";
import { decodeSingleRead } from "../src/single-read.js";
import { decodeInfoField } from "../src/snapshot.js";
import { FRAME_14S, FRAME_20S_BAD_SUM, REQUESTS } from "./reference-frames.js";

/** The reference's frames (docs/protocols/jk.md): requests, the 14S reply, the vendor's 20S example (bad sum; its recomputed mutants are valid). */
export const JK_FRAMES: readonly Uint8Array[] = [...Object.values(REQUESTS).map(fromHex), FRAME_14S, FRAME_20S_BAD_SUM];

const verified = verifiedFrame<unknown>(JK_SHAPE);

/** JK-PB Modbus: the reference's writes, and read replies of the live, settings and device-info blocks built with the RTU encoder. */
const PB_WRITES = ["01 10 16 1C 00 01 02 00 00 D3 CD", "01 10 16 1E 00 01 02 00 00 D2 2F", "01 10 16 20 00 01 02 00 00 D6 F1"].map(fromHex);
function readReply(unit: number, words: readonly number[]): Uint8Array {
  const pdu = new Uint8Array(2 + 2 * words.length);
  pdu[0] = 0x03;
  pdu[1] = 2 * words.length;
  words.forEach((w, i) => pdu.set([w >> 8, w & 0xff], 2 + 2 * i));
  return encodeRtuFrame(unit, pdu);
}
const LIVE_WORDS = Array.from({ length: 120 }, (_, i) => (i < 16 ? 3300 + i : i === 32 || i === 33 ? 0xffff : i * 97));
const PB_REPLIES = [readReply(1, LIVE_WORDS), readReply(2, LIVE_WORDS.slice(0, 40)), readReply(3, LIVE_WORDS.slice(60, 100))];
const PB_FRAMES = [...PB_WRITES, ...PB_REPLIES];

/**
 * Registers of a whole block from one read reply (checked by its CRC first): the reply's words cycled
 * over the block, so every field of the map is decoded from fuzzed words.
 */
function blockWords(input: Uint8Array, words: number): { raw: Uint8Array; registers: number[] } {
  const frame = decodeRtuFrame(input);
  const response = decodeResponse(frame.pdu, { kind: "read-holding-registers", address: 0, count: Math.max(1, (frame.pdu[1] ?? 0) >> 1) });
  if (response.kind !== "read-holding-registers" || response.values.length === 0) throw new BattError("unexpected-reply", "not a register read reply");
  const values = response.values;
  return { raw: input, registers: Array.from({ length: words }, (_, i) => values[i % values.length]!) };
}

function pbMapTarget<T extends RegisterFields>(name: string, map: RegisterMap<T>, bytes: number, after: (unit: number, values: ReturnType<RegisterMap<T>["decode"]>) => unknown = (_u, v) => v): FuzzTarget {
  return {
    name,
    seeds: PB_FRAMES,
    shape: RTU_SHAPE,
    maxLength: 300,
    decode(input) {
      const { registers } = blockWords(input, bytes / 2);
      return after(input[0]!, map.decode(0, registers));
    },
    check: verifiedFrame(RTU_SHAPE),
  };
}

/** Plants a known or unknown identifier with a value of random length in an information field. */
const identifierMutator: Mutator = {
  name: "identifier insert",
  weight: 4,
  apply(input, rng) {
    const at = rng.int(0, input.length);
    const id = rng.next() < 0.7 ? rng.int(0x79, 0xc0) : rng.int(0, 255);
    const value = Array.from({ length: rng.int(0, 20) }, () => rng.int(0, 255));
    return Uint8Array.of(...input.subarray(0, at), id, ...value, ...input.subarray(at));
  },
};

/** The JK decoders under fuzz. */
export const JK_TARGETS: readonly FuzzTarget[] = [
  streamTarget<JkFrame>({ name: "jk 4E57 stream parser (any side)", seeds: JK_FRAMES, shape: JK_SHAPE, parser: jkFrameParser, maxLength: 2048 }),
  streamTarget<JkReplyFrame>({ name: "jk 4E57 stream parser (replies)", seeds: JK_FRAMES, shape: JK_SHAPE, parser: jkReplyParser, maxLength: 2048 }),
  { name: "jk 4E57 decodeJkFrame", seeds: JK_FRAMES, shape: JK_SHAPE, maxLength: 600, decode: (input) => decodeJkFrame(input), check: verified },
  {
    name: "jk 4E57 read-all identifiers (decodeInfoField, liveData)",
    seeds: [FRAME_14S, FRAME_20S_BAD_SUM],
    shape: JK_SHAPE,
    maxLength: 600,
    decode(input) {
      const snapshot = decodeInfoField(decodeJkFrame(input).info);
      return { live: liveData(snapshot), settings: settingsOf(snapshot), unknown: snapshot.unknown };
    },
    check: verified,
  },
  {
    name: "jk 4E57 single read (decodeSingleRead)",
    seeds: JK_FRAMES,
    shape: JK_SHAPE,
    maxLength: 600,
    decode(input) {
      const frame = decodeJkFrame(input);
      const spec = identifierById(frame.info[0] ?? -1);
      if (!spec) throw new BattError("unexpected-reply", "no known identifier");
      return decodeSingleRead(frame, spec, { protocolVersion: 1 });
    },
    check: verified,
  },
  { name: "jk batt decode (4E57)", seeds: JK_FRAMES, shape: JK_SHAPE, maxLength: 600, decode: (input) => decodeCapture(input, {}), check: verified },
  // --no-verify shows frames whatever their sum (flagged checksumVerified: false), so every mutant reaches the field decoders.
  { name: "jk batt decode --no-verify (no checksum barrier)", seeds: JK_FRAMES, shape: JK_SHAPE, maxLength: 600, decode: (input) => decodeCapture(input, { "no-verify": true }) },
  {
    name: "jk read-all information field alone (decodeInfoField)",
    seeds: [FRAME_14S, FRAME_20S_BAD_SUM].map((f) => f.subarray(11, f.length - 9)),
    maxLength: 600,
    mutators: [identifierMutator],
    decode(input) {
      const snapshot = decodeInfoField(input);
      return { live: liveData(snapshot), settings: settingsOf(snapshot) };
    },
  },
  { name: "jk batt decode --protocol pb", seeds: PB_FRAMES, shape: RTU_SHAPE, maxLength: 300, decode: (input) => decodeCapture(input, { protocol: "pb" }), check: verifiedFrame(RTU_SHAPE) },
  pbMapTarget("jk-pb live registers (pbLiveData)", JK_PB_LIVE_MAP, JkPbBlock.live.bytes, (unit, values) => pbLiveData(unit, values)),
  pbMapTarget("jk-pb settings registers", JK_PB_SETTINGS_MAP, JkPbBlock.settings.bytes),
  pbMapTarget("jk-pb device info registers", JK_PB_DEVICE_INFO_MAP, JkPbBlock.deviceInfo.bytes),
];
