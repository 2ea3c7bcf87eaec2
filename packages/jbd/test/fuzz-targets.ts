import { BattError, concatBytes, FrameDecoder, fromHex } from "@batt/core";
import { textMutators } from "@batt/test-support/fuzz/mutators";
import { JBD_SHAPE } from "@batt/test-support/fuzz/shapes";
import { firstFrame, streamTarget, verifiedFrame } from "@batt/test-support/fuzz/stream-target";
import { defineTarget, type FuzzTarget, type Mutator } from "@batt/test-support/fuzz/target";
import { decodeAfeChip } from "../src/afe-chip.js";
import { createBackup, parseBackup } from "../src/backup.js";
import { decodeBasicInfo } from "../src/basic-info.js";
import { decodeCellVoltages } from "../src/cell-voltages.js";
import { decodeReplyPayload, describeJbdFrame } from "../src/describe-frame.js";
import { encodeResponse } from "../src/encode.js";
import { exportFig, importFig } from "../src/fig.js";
import type { JbdFrame, JbdResponse } from "../src/frame.js";
import { jbdFrameParser, jbdResponseParser } from "../src/parser.js";
import type { RegisterValue } from "../src/settings/convert.js";
import { snapshotFromRegisters } from "../src/settings/snapshot.js";
import { isStringRegister, JBD_SETTINGS } from "../src/settings/table.js";
import { decodeDeviceName, decodeStringRegister } from "../src/text.js";
import { VENDOR_FIG } from "./vendor-fig.js";

/** Literal frames of docs/protocols/jbd.md#request-frames and of this package's tests. */
const DOCUMENT_FRAMES = [
  "DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77",
  "DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77",
  "DD FA 00 07 00 01 02 0F A0 10 36 FF 01 77",
  "DD 24 00 02 0E 42 FF AE 77",
  "DD 38 00 02 8F 3F FF 30 77",
  "DD 10 81 00 FF 7F 77",
  "DD 42 80 00 FF 80 77",
  "DD 00 00 00 00 00 77",
  "DD A5 03 00 FF FD 77",
  "DD A5 04 00 FF FC 77",
  "DD A5 05 00 FF FB 77",
  "DD A5 FA 03 00 01 02 FF 00 77",
  "DD 5A 00 02 56 78 FF 30 77",
  "DD 5A 07 0D 0C 07 06 05 08 02 08 01 02 03 04 05 06 FF A7 77",
  "DD 5A 09 07 06 4A 31 42 32 44 34 FE 83 77",
  "DD 5A E1 02 00 01 FF 1C 77",
].map(fromHex);

const reply = (register: number, data: string): Uint8Array => encodeResponse(register, 0, fromHex(data));

/** Replies the documents describe but do not print whole: built with the package's encoder. */
const BUILT_FRAMES = [
  // Basic info with two NTCs and the 9-byte tail of newer firmware.
  reply(0x03, "05 3A FF 9C 12 34 27 10 00 05 2C 7C 00 03 00 00 00 00 23 32 03 04 02 0B 8B 0B 8A 3C 00 00 27 10 12 34 80 10"),
  reply(0x05, "4A 42 44 2D 53 50 30 34 53 30 33 34"),
  reply(0xaa, "00 01 00 02 00 03 00 04 00 05 00 06 00 07 00 08 00 09 00 0A 00 0B 00 0C"),
  reply(0xa1, "05 50 61 63 6B 31"),
  reply(0x2d, "00 06"),
  reply(0x15, "2C 7C"),
  reply(0x00, "00 07"),
];

/** Every seed frame. */
export const JBD_FRAMES: readonly Uint8Array[] = [...DOCUMENT_FRAMES, ...BUILT_FRAMES];

/** A value with the frame bytes it came from. */
interface FromFrame<T> {
  readonly raw: Uint8Array;
  readonly value: T;
}

/** The reply at the start of the input, read as the driver reads it; only an OK reply from `register` is decoded. */
function okReply(input: Uint8Array, register: number | undefined): { raw: Uint8Array; frame: JbdResponse } {
  const { frame, raw } = firstFrame(jbdResponseParser, input);
  if ((register !== undefined && frame.register !== register) || frame.status !== 0) throw new BattError("unexpected-reply", `not an OK reply from register ${register}`);
  return { raw, frame };
}

const fromVerifiedFrame = verifiedFrame<FromFrame<unknown>>(JBD_SHAPE, (_input, value) => value.raw);

function frameTarget<T>(name: string, register: number | undefined, decode: (frame: JbdResponse) => T, seeds = JBD_FRAMES.filter((f) => (register === undefined || f[1] === register) && f[2] === 0)): FuzzTarget<FromFrame<T>> {
  return {
    name,
    seeds: seeds.length > 0 ? seeds : JBD_FRAMES,
    shape: JBD_SHAPE,
    maxLength: 300,
    decode(input) {
      const { raw, frame } = okReply(input, register);
      return { raw, value: decode(frame) };
    },
    check: fromVerifiedFrame,
  };
}

// .fig and JSON backups: text formats.
// A 4S 100 Ah LiFePO4 register image (the simulator's factory defaults): every setting in range.
const EEPROM = new Map<number, RegisterValue>([
  [0x10, 10000], [0x11, 10000], [0x12, 3600], [0x13, 3000], [0x14, 2], [0x15, 11388], [0x16, 1], [0x17, 5], [0x18, 3231], [0x19, 3181],
  [0x1a, 2731], [0x1b, 2781], [0x1c, 3431], [0x1d, 3381], [0x1e, 2531], [0x1f, 2581], [0x20, 1460], [0x21, 1360], [0x22, 1000], [0x23, 1160],
  [0x24, 3650], [0x25, 3400], [0x26, 2500], [0x27, 2900], [0x28, 10000], [0x29, 50536], [0x2a, 3400], [0x2b, 30], [0x2c, 5], [0x2d, 52],
  [0x2e, 3], [0x2f, 4], [0x30, 10], [0x31, 10], [0x32, 3340], [0x33, 3320], [0x34, 3300], [0x35, 3250], [0x36, 3750], [0x37, 2300],
  [0x38, 36671], [0x39, 20485], [0x3a, 514], [0x3b, 514], [0x3c, 514], [0x3d, 514], [0x3e, 544], [0x3f, 544], [0x40, 3000], [0x41, 10],
  [0xa0, "JBD"], [0xa1, "SIM-4S-100AH"], [0xa2, "SIM0000001"],
]);
const FIG_REGISTERS: Record<number, RegisterValue> = Object.fromEntries(EEPROM);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const FIG_SEEDS = [encoder.encode(exportFig(FIG_REGISTERS)), encoder.encode(VENDOR_FIG)];
const FIG_TOKENS = ["FileCode", " ", "\r\r\n", "-", "65536", "-1", "99999999999999999999", "1e3", "0x10", "DeviceName", "HardTime", "SCReleaseTime", "GPS_VOL", "\t", "__proto__", "constructor"];

const BACKUP = createBackup(snapshotFromRegisters(EEPROM), { name: "JBD", cellCount: 4 }, new Date(0));
const JSON_SEEDS = [encoder.encode(JSON.stringify(BACKUP, null, 1))];
const JSON_VALUES: readonly unknown[] = [null, true, 0, -1, 1e308, -1e308, 3.65, 65536, "", "raw:7", "raw:99999", "2022-13-40", "x".repeat(40), [], {}, [1, 2], { raw: 1 }];
const JSON_KEYS = [...JBD_SETTINGS.map((d) => d.name), "__proto__", "constructor", "toString", "hasOwnProperty", "format", "version", "settings", "device", "unsupported"];

/** Structural JSON mutations: a value replaced by another type, a key renamed or removed. */
const JSON_MUTATORS: Mutator[] = [
  {
    name: "json value",
    weight: 6,
    apply(input, rng) {
      let doc: unknown;
      try {
        doc = JSON.parse(decoder.decode(input));
      } catch {
        return input.slice();
      }
      const holders: Record<string, unknown>[] = [];
      const walk = (v: unknown): void => {
        if (typeof v === "object" && v !== null) {
          holders.push(v as Record<string, unknown>);
          Object.values(v).forEach(walk);
        }
      };
      walk(doc);
      const holder = holders[rng.int(0, holders.length - 1)];
      if (!holder) return encoder.encode(JSON.stringify(JSON_VALUES[rng.int(0, JSON_VALUES.length - 1)]));
      const keys = Object.keys(holder);
      const choice = rng.next();
      if (choice < 0.6 && keys.length > 0) holder[keys[rng.int(0, keys.length - 1)]!] = JSON_VALUES[rng.int(0, JSON_VALUES.length - 1)];
      else if (choice < 0.8 && keys.length > 0) delete holder[keys[rng.int(0, keys.length - 1)]!];
      else Object.defineProperty(holder, JSON_KEYS[rng.int(0, JSON_KEYS.length - 1)]!, { value: JSON_VALUES[rng.int(0, JSON_VALUES.length - 1)], enumerable: true, configurable: true, writable: true });
      return encoder.encode(JSON.stringify(doc));
    },
  },
];

/** Every EEPROM register's reply back to back, as `batt jbd settings get` reads them. */
const REGISTER_REPLIES = concatBytes(
  ...[...EEPROM].map(([address, value]) => encodeResponse(address, 0, typeof value === "string" ? Uint8Array.of(value.length, ...encoder.encode(value)) : Uint8Array.of(value >> 8, value & 0xff))),
);

/** Register replies read as `readRegisters` reads them (strings by their inner length, words of 2 bytes), then decoded to settings. */
function settingsFromReplies(input: Uint8Array): { frames: Uint8Array[]; values: Record<string, unknown> } {
  const registers = new Map<number, RegisterValue>();
  const frames: Uint8Array[] = [];
  for (const event of new FrameDecoder(jbdResponseParser).push(input)) {
    if (event.type === "skipped") throw event.error;
    frames.push(event.raw);
    const { register, status, data } = event.frame;
    if (status !== 0) continue;
    if (isStringRegister(register)) registers.set(register, decodeStringRegister(data));
    else if (data.length === 2) registers.set(register, (data[0]! << 8) | data[1]!);
    else throw new BattError("frame", `register ${register} answered ${data.length} bytes`);
  }
  if (frames.length === 0) throw new BattError("frame", "no reply");
  return { frames, values: snapshotFromRegisters(registers).values };
}

/** The JBD decoders under fuzz. */
export const JBD_TARGETS: readonly FuzzTarget[] = [
  streamTarget<JbdFrame>({ name: "jbd stream parser (any side)", seeds: JBD_FRAMES, shape: JBD_SHAPE, parser: jbdFrameParser }),
  streamTarget<JbdResponse>({ name: "jbd stream parser (replies)", seeds: JBD_FRAMES, shape: JBD_SHAPE, parser: jbdResponseParser }),
  // `batt decode jbd`: every frame of a capture described, payloads decoded by register.
  streamTarget<JbdFrame>({ name: "jbd describeJbdFrame", seeds: JBD_FRAMES, shape: JBD_SHAPE, parser: jbdFrameParser, describe: describeJbdFrame }),
  frameTarget("jbd basic info (0x03)", 0x03, (f) => decodeBasicInfo(f.data)),
  frameTarget("jbd basic info (0x03, coarse units)", 0x03, (f) => decodeBasicInfo(f.data, { capacityScale: 10 })),
  // The payload alone: every mutant reaches the field decoder (no frame, no checksum in the way).
  { name: "jbd basic info payload alone (decodeBasicInfo)", seeds: JBD_FRAMES.filter((f) => f[1] === 0x03 && f[2] === 0).map((f) => f.subarray(4, f.length - 3)), maxLength: 120, decode: (payload) => decodeBasicInfo(payload) },
  frameTarget("jbd cell voltages (0x04)", 0x04, (f) => decodeCellVoltages(f.data)),
  frameTarget("jbd device name (0x05)", 0x05, (f) => decodeDeviceName(f.data)),
  frameTarget("jbd AFE chip (0x00)", 0x00, (f) => decodeAfeChip(f.data)),
  frameTarget("jbd register replies (settings, EEPROM, counters)", undefined, (f) => decodeReplyPayload(f.register, f.data)),
  defineTarget({
    name: "jbd settings from register replies (snapshotFromRegisters)",
    seeds: [REGISTER_REPLIES],
    shape: JBD_SHAPE,
    maxLength: 2048,
    decode: settingsFromReplies,
    check: (_input, result) => (result.frames.every((raw) => JBD_SHAPE.verify(raw)) ? undefined : "a reply that fails the JBD check was decoded"),
  }),
  {
    name: "jbd .fig backup (importFig)",
    seeds: FIG_SEEDS,
    maxLength: 4096,
    mutators: textMutators(FIG_TOKENS),
    decode: (input) => importFig(decoder.decode(input)),
  },
  {
    name: "jbd JSON backup (parseBackup)",
    seeds: JSON_SEEDS,
    maxLength: 4096,
    mutators: [...JSON_MUTATORS, ...textMutators(['"', "{", "}", ",", ":", "null", "1e999", "-0"])],
    decode(input) {
      let doc: unknown;
      try {
        doc = JSON.parse(decoder.decode(input));
      } catch (error) {
        // What `batt jbd restore` does with text that is no JSON.
        throw new BattError("invalid-argument", `not JSON: ${(error as Error).message}`);
      }
      return parseBackup(doc);
    },
  },
];
