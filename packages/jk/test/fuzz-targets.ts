import { BattError, fromHex } from "@batt/core";
import { decodeResponse, decodeRtuFrame, encodeRtuFrame, type RegisterMap, type RegisterFields } from "@batt/modbus-rtu";
import { EB90_SHAPE, JK_SHAPE, RTU_SHAPE } from "@batt/test-support/fuzz/shapes";
import { streamTarget, verifiedFrame } from "@batt/test-support/fuzz/stream-target";
import type { FrameShape, FuzzTarget, Mutator } from "@batt/test-support/fuzz/target";
import { decodeCapture } from "../src/cli/decode-capture.js";
import { identifierById } from "../src/identifiers/identifier-table.js";
import { liveData } from "../src/live-data.js";
import { decodeJkFrame, jkFrameParser, jkReplyParser } from "../src/parser.js";
import type { JkFrame, JkReplyFrame } from "../src/frame.js";
import { JkPbBlock } from "../src/pb/pb-blocks.js";
import { jkPbBusParser } from "../src/pb/pb-bus-parser.js";
import type { JkPbBusToken } from "../src/pb/pb-bus-token.js";
import { jkPbTriggerReplyParser, type JkPbTriggerReply } from "../src/pb/pb-trigger-reply-parser.js";
import { JK_PB_DEVICE_INFO_MAP } from "../src/pb/pb-device-info-map.js";
import { pbLiveData } from "../src/pb/pb-live-data.js";
import { JK_PB_LIVE_MAP } from "../src/pb/pb-live-map.js";
import { JK_PB_SETTINGS_MAP } from "../src/pb/pb-settings-map.js";
import { settingsOf } from "../src/settings.js";
import { decodeSingleRead } from "../src/single-read.js";
import { decodeInfoField } from "../src/snapshot.js";
import { decodeEb90 } from "../src/eb90/eb90-decode.js";
import type { Eb90Frame } from "../src/eb90/eb90-frame.js";
import { EB90_GENERATIONS, type Eb90Generation } from "../src/eb90/eb90-generation.js";
import { eb90LiveData } from "../src/eb90/eb90-live.js";
import { decodeEb90Frame, eb90Parser } from "../src/eb90/eb90-parser.js";
import * as ESPHOME from "./fixtures/esphome-jk-bms.js";
import * as MPP from "./fixtures/mpp-solar.js";
import { FRAME_14S, FRAME_20S_BAD_SUM, REQUESTS } from "./reference-frames.js";

/** The reference's frames (docs/protocols/jk.md): requests, the 14S reply, the vendor's 20S example (bad sum; its recomputed mutants are valid). */
export const JK_FRAMES: readonly Uint8Array[] = [...Object.values(REQUESTS).map(fromHex), FRAME_14S, FRAME_20S_BAD_SUM];

const verified = verifiedFrame<unknown>(JK_SHAPE);

/**
 * `batt decode jk` skips what comes before the first header (reported as `skipped`); the frame from
 * there on must pass its own check: the 4E57 sum, or the `55 AA EB 90` sum.
 */
function captureChecked(input: Uint8Array, value: unknown): string | undefined {
  const result = value as { readonly skipped?: { readonly bytes: number }; readonly protocol?: string };
  const frame = input.subarray(result.skipped?.bytes ?? 0);
  const shape = result.protocol === "55aa-eb90" ? EB90_SHAPE : JK_SHAPE;
  return shape.verify(frame) ? undefined : `a value came from a frame that fails the ${shape.name} check`;
}

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

/** Real `55 AA EB 90` captures (esphome-jk-bms, mpp-solar): device info, cell info and settings of JK02 24/32-cell, JK04 and JK-PB. */
const EB90_FRAMES: readonly Uint8Array[] = [...Object.values(ESPHOME), ...Object.values(MPP)].filter((f): f is Uint8Array => f instanceof Uint8Array);

/** An EB90 frame decoded in the layout of `generation` (the caller's choice), with the live summary of a JK02 cell-info frame. */
function decodeEb90In(generation: Eb90Generation): (input: Uint8Array) => unknown {
  return (input) => {
    const decoded = decodeEb90(decodeEb90Frame(input), generation);
    return decoded.kind === "cell-info" && generation !== "jk04" ? { decoded, live: eb90LiveData(decoded.values, generation) } : { decoded };
  };
}

/** A JK-PB bus token's bytes check out: a `55 AA EB 90` frame by its sum (and an acknowledgement after it by its CRC), anything else by its CRC. */
function busTokenVerified(raw: Uint8Array): boolean {
  if (raw[0] !== 0x55) return RTU_SHAPE.verify(raw);
  if (!EB90_SHAPE.verify(raw.subarray(0, 300))) return false;
  let rest = raw.subarray(300);
  while (rest[0] === 0 && rest.length > 8) rest = rest.subarray(1);
  return rest.length === 0 || RTU_SHAPE.verify(rest);
}

/** JK-PB RS-485 traffic: the frame sum for `55 AA EB 90` frames, the CRC for requests and acknowledgements. */
const PB_BUS_SHAPE: FrameShape = {
  name: "jk-pb bus",
  tokens: [...EB90_SHAPE.tokens, ...RTU_SHAPE.tokens],
  fix: (bytes, rng) => (bytes[0] === 0x55 ? EB90_SHAPE.fix(bytes, rng) : RTU_SHAPE.fix(bytes, rng)),
  verify: busTokenVerified,
};
/** Triggers and their acknowledgements (FC 0x10 to 0x161C/0x161E/0x1620), and the captured frame-plus-acknowledgement replies. */
const PB_BUS_TRAFFIC: readonly Uint8Array[] = [...PB_WRITES, encodeRtuFrame(1, fromHex("10 16 1C 00 01")), MPP.MPP_PB_DEVICE_INFO_REPLY, MPP.MPP_PB_SETTINGS_REPLY, MPP.MPP_PB_CELL_INFO_REPLY];

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
  { name: "jk batt decode (4E57)", seeds: JK_FRAMES, shape: JK_SHAPE, maxLength: 600, decode: (input) => decodeCapture(input, {}), check: captureChecked },
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
  streamTarget<Eb90Frame>({ name: "jk 55AA-EB90 stream parser", seeds: EB90_FRAMES, shape: EB90_SHAPE, parser: eb90Parser, maxLength: 1200 }),
  ...EB90_GENERATIONS.map(
    (generation): FuzzTarget => ({
      name: `jk 55AA-EB90 frames (decodeEb90 ${generation}, live data)`,
      seeds: EB90_FRAMES,
      shape: EB90_SHAPE,
      maxLength: 320,
      decode: decodeEb90In(generation),
      check: verifiedFrame(EB90_SHAPE, (input) => input.subarray(0, 300)),
    }),
  ),
  { name: "jk batt decode (55 AA EB 90)", seeds: EB90_FRAMES, shape: EB90_SHAPE, maxLength: 400, decode: (input) => decodeCapture(input, {}), check: captureChecked },
  streamTarget<JkPbBusToken>({ name: "jk-pb bus parser (55 AA EB 90 frames, requests, acknowledgements)", seeds: PB_BUS_TRAFFIC, shape: PB_BUS_SHAPE, parser: jkPbBusParser, maxLength: 1200 }),
  streamTarget<JkPbTriggerReply>({ name: "jk-pb trigger reply parser (frame + acknowledgement)", seeds: PB_BUS_TRAFFIC, shape: PB_BUS_SHAPE, parser: jkPbTriggerReplyParser, maxLength: 1200 }),
  { name: "jk batt decode --protocol pb", seeds: PB_FRAMES, shape: RTU_SHAPE, maxLength: 300, decode: (input) => decodeCapture(input, { protocol: "pb" }), check: verifiedFrame(RTU_SHAPE) },
  pbMapTarget("jk-pb live registers (pbLiveData)", JK_PB_LIVE_MAP, JkPbBlock.live.bytes, (unit, values) => pbLiveData(unit, values)),
  pbMapTarget("jk-pb settings registers", JK_PB_SETTINGS_MAP, JkPbBlock.settings.bytes),
  pbMapTarget("jk-pb device info registers", JK_PB_DEVICE_INFO_MAP, JkPbBlock.deviceInfo.bytes),
];
