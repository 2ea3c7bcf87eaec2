import { fromHex } from "@batt/core";
import { encodeRtuFrame, type FrameDescription } from "@batt/modbus-rtu";
import { rtuReplyRegisters } from "@batt/test-support/fuzz/rtu-registers";
import { RTU_CAPTURE_SHAPE, RTU_SHAPE } from "@batt/test-support/fuzz/shapes";
import { verifiedFrame } from "@batt/test-support/fuzz/stream-target";
import type { FuzzTarget } from "@batt/test-support/fuzz/target";
import { describeVoltaicFrames } from "../src/describe-frame.js";
import { REALTIME_BLOCKS, VOLTAIC_HOLDING_REGISTERS, VOLTAIC_INPUT_REGISTERS } from "../src/registers.js";

/** Frames of docs/protocols/voltaic.md and this package's tests, with replies of the real-time blocks. */
const DOCUMENT_FRAMES = [
  "01 01 00 00 00 01 FD CA",
  "01 03 90 22 00 01 09 00",
  "01 04 30 30 00 2B BF 1A",
  "01 04 30 35 00 01 2E C4",
  "01 04 30 45 00 0B AF 18",
  "01 04 30 4A 00 03 9E DD",
  "01 04 30 A0 00 01 3E E8 01 04 02 05 46 3B 92",
  "01 04 30 A0 00 03 BF 29",
  "01 05 00 00 FF 00 8C 3A",
  "01 06 90 22 04 7E 86 20",
  "01 10 90 22 00 01 02 04 7E B2 3B",
  "FE 04 30 30 00 2B AB 15",
].map(fromHex);
const reply = (fc: number, words: readonly number[]): Uint8Array => encodeRtuFrame(1, Uint8Array.of(fc, 2 * words.length, ...words.flatMap((w) => [w >> 8, w & 0xff])));
const REALTIME = Array.from({ length: 43 }, (_, i) => (i % 5 === 0 ? 1350 + i : i * 17));
const REPLIES = [reply(0x04, REALTIME), reply(0x04, [1350, 120, 1620]), reply(0x03, [1150])];
/** Request + reply pairs, so captures name the registers. */
const PAIRS = [Uint8Array.of(...fromHex("01 04 30 30 00 2B BF 1A"), ...REPLIES[0]!), Uint8Array.of(...fromHex("01 04 30 A0 00 03 BF 29"), ...REPLIES[1]!)];

/** The Voltaic decoders under fuzz. */
export const VOLTAIC_TARGETS: readonly FuzzTarget[] = [
  {
    name: "voltaic batt decode (describeVoltaicFrames)",
    seeds: [...DOCUMENT_FRAMES, ...REPLIES, ...PAIRS],
    shape: RTU_CAPTURE_SHAPE,
    maxLength: 600,
    decode: (input) => describeVoltaicFrames(input),
    check: (_input, frames) => ((frames as FrameDescription[]).every((f) => RTU_SHAPE.verify(fromHex(f.hex))) ? undefined : "a frame with a bad CRC was described"),
  },
  {
    name: "voltaic real-time registers (input map, decodeBlocks)",
    seeds: REPLIES,
    shape: RTU_SHAPE,
    maxLength: 300,
    decode(input) {
      const registers = rtuReplyRegisters(input, 64);
      return VOLTAIC_INPUT_REGISTERS.decodeBlocks(REALTIME_BLOCKS.map((b, i) => ({ address: b.address, registers: registers.slice(i, i + b.count) })));
    },
    check: verifiedFrame(RTU_SHAPE),
  },
  {
    name: "voltaic holding registers (decodePartial)",
    seeds: REPLIES,
    shape: RTU_SHAPE,
    maxLength: 300,
    decode: (input) => VOLTAIC_HOLDING_REGISTERS.decodePartial(0x9022, rtuReplyRegisters(input, 8)),
    check: verifiedFrame(RTU_SHAPE),
  },
];
