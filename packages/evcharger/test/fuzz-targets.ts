import { fromHex } from "@batt/core";
import { encodeRtuFrame, type FrameDescription } from "@batt/modbus-rtu";
import { rtuReplyRegisters } from "@batt/test-support/fuzz/rtu-registers";
import { RTU_CAPTURE_SHAPE, RTU_SHAPE } from "@batt/test-support/fuzz/shapes";
import { verifiedFrame } from "@batt/test-support/fuzz/stream-target";
import type { FuzzTarget } from "@batt/test-support/fuzz/target";
import { describeChargerFrames } from "../src/describe-frame.js";
import type { Generation } from "../src/generation.js";
import { HOLDING_BLOCKS, holdingRegisterMap } from "../src/holding-registers.js";
import { G2_STATUS_REGISTERS, inputRegisterMap } from "../src/input-registers.js";
import { IMPLAUSIBLE_ENERGY, wordOrderWarning } from "../src/plausibility.js";
import { wordOrdersFor } from "../src/word-order.js";

/** Frames of docs/protocols/evcharger.md and this package's tests, with replies of the input and holding blocks. */
const DOCUMENT_FRAMES = [
  "46 03 06 0C 00 1D 4A 3F",
  "46 03 30 A7 00 01 35 9E",
  "46 04 00 00 00 03 BF 7C 46 04 06 5D 3E 5D 7B 5D 81 C8 AD",
  "46 04 00 00 00 2D 3F 60",
  "46 06 06 0D 00 01 D6 36",
  "46 06 06 27 00 04 37 FD",
  "46 06 06 28 04 B0 05 49",
  "46 10 06 27 00 02 04 00 04 0C 80 91 25",
  "46 10 06 27 00 02 FE 3C",
  "46 10 30 02 00 05 0A 00 00 00 0A 00 1E 00 00 00 01 72 09",
  "01 10 30 02 00 05 AE CA",
  "01 10 30 1F 00 79 3F 2D",
].map(fromHex);
const reply = (fc: number, words: readonly number[]): Uint8Array => encodeRtuFrame(0x46, Uint8Array.of(fc, 2 * words.length, ...words.flatMap((w) => [w >> 8, w & 0xff])));
const INPUT = Array.from({ length: 49 }, (_, i) => (i < 3 ? 23870 + i * 61 : i === 0x1d ? 2 : i * 131));
const HOLDING = Array.from({ length: 0x1d }, (_, i) => (i === 0x0d ? 1 : i * 7));
const REPLIES = [reply(0x04, INPUT), reply(0x03, HOLDING), reply(0x04, [23870, 23931, 23937])];
/** Request + reply pairs, so captures name the registers (the 49-register read of the second generation). */
const PAIRS = [
  Uint8Array.of(...encodeRtuFrame(0x46, fromHex("04 00 00 00 31")), ...REPLIES[0]!),
  Uint8Array.of(...fromHex("46 03 06 0C 00 1D 4A 3F"), ...REPLIES[1]!),
];

function statusTarget(generation: Generation): FuzzTarget {
  const map = inputRegisterMap(generation, wordOrdersFor(generation));
  return {
    name: `evcharger input registers (${generation})`,
    seeds: REPLIES,
    shape: RTU_SHAPE,
    maxLength: 300,
    decode(input) {
      const registers = rtuReplyRegisters(input, 49);
      return { ...map.decode(0, registers.slice(0, 45)), ...(generation === "g2" ? G2_STATUS_REGISTERS.decodePartial(0x2d, registers.slice(45)) : {}) };
    },
    check: verifiedFrame(RTU_SHAPE),
  };
}

function settingsTarget(generation: Generation): FuzzTarget {
  const map = holdingRegisterMap(generation, wordOrdersFor(generation));
  return {
    name: `evcharger holding registers (${generation}, word-order warning)`,
    seeds: REPLIES,
    shape: RTU_SHAPE,
    maxLength: 300,
    decode(input) {
      const registers = rtuReplyRegisters(input, 0x41);
      const blocks = HOLDING_BLOCKS.map((b) => ({ address: b.address, registers: registers.slice(b.address - 0x0600, b.address - 0x0600 + b.count) }));
      const energy = map.fields.totalEnergy;
      const warning = wordOrderWarning("holding totalEnergy", energy, registers.slice(energy.address - 0x0600, energy.address - 0x0600 + 2), IMPLAUSIBLE_ENERGY);
      return { settings: map.decodePartialBlocks(blocks), warning };
    },
    check: verifiedFrame(RTU_SHAPE),
  };
}

/** The EV charger decoders under fuzz. */
export const EVCHARGER_TARGETS: readonly FuzzTarget[] = [
  ...(["g1", "g2"] as const).map(
    (generation): FuzzTarget => ({
      name: `evcharger batt decode (describeChargerFrames, ${generation})`,
      seeds: [...DOCUMENT_FRAMES, ...REPLIES, ...PAIRS],
      shape: RTU_CAPTURE_SHAPE,
      maxLength: 600,
      decode: (input) => describeChargerFrames(input, generation),
      check: (_input, frames) => ((frames as FrameDescription[]).every((f) => RTU_SHAPE.verify(fromHex(f.hex))) ? undefined : "a frame with a bad CRC was described"),
    }),
  ),
  statusTarget("g1"),
  statusTarget("g2"),
  settingsTarget("g1"),
  settingsTarget("g2"),
];
