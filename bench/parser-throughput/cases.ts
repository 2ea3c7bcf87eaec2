/**
 * The parsers under test and the byte patterns fed to them. Each parser names the byte a linear scan looks
 * for (the reference), a valid frame for the clean-frame rate, and its hostile patterns.
 */
import { createPrng, type FrameParser, type TransportKind } from "@batt/core";
// The device packages are not dependencies of the workspace root; their sources are imported directly.
import { encodeHidReport, hidReportParser } from "../../packages/icharger/src/index.js";
import { encodeResponse as encodeJbdResponse, jbdResponseParser } from "../../packages/jbd/src/index.js";
import { encodeJkReply, jkReplyParser } from "../../packages/jk/src/index.js";
import { encodeRtuFrame, rtuReplyParser, rtuRequestParser, rtuResponseParser } from "@batt/modbus-rtu";

/** A repeating or random byte pattern, generated to any size. */
export interface Pattern {
  readonly name: string;
  readonly make: (size: number) => Uint8Array;
}

/** One parser under test. `parser` is undefined for a slot whose parser has not landed yet. */
export interface ParserCase {
  readonly name: string;
  readonly parser: FrameParser<unknown> | undefined;
  readonly mode: TransportKind;
  /** The first byte of a frame: what the reference scan looks for. */
  readonly headerByte: number;
  /** One valid frame (a whole report in packet mode). */
  readonly frame: Uint8Array;
  readonly patterns: readonly Pattern[];
}

/** `unit` repeated to `size` bytes. */
function repeat(unit: readonly number[]): (size: number) => Uint8Array {
  return (size) => Uint8Array.from({ length: size }, (_, i) => unit[i % unit.length]!);
}

/** Random bytes; with `favoured`, half of them are drawn from that list (header, length and end bytes). */
function noise(seed: number, favoured: readonly number[] = []): (size: number) => Uint8Array {
  return (size) => {
    const prng = createPrng(seed);
    return Uint8Array.from({ length: size }, () => (favoured.length > 0 && prng.next() < 0.5 ? favoured[prng.int(0, favoured.length - 1)]! : prng.int(0, 255)));
  };
}

/** 64-byte reports: the transport pads every HID report to 64. */
function reports(make: (prng: ReturnType<typeof createPrng>) => Uint8Array): (size: number) => Uint8Array {
  return (size) => {
    const prng = createPrng(7);
    const out = new Uint8Array(size);
    for (let at = 0; at < size; at += 64) out.set(make(prng).subarray(0, Math.min(64, size - at)), at);
    return out;
  };
}

const randomNoise: Pattern = { name: "random noise", make: noise(1) };

export const CASES: readonly ParserCase[] = [
  {
    name: "JBD (DD … 77) responses",
    parser: jbdResponseParser,
    mode: "stream",
    headerByte: 0xdd,
    frame: jbdFrame(),
    patterns: [
      randomNoise,
      { name: "DD-rich noise", make: noise(2, [0xdd, 0x03, 0x00, 0x1b, 0x77]) },
      { name: "flood DD 03 00 1B", make: repeat([0xdd, 0x03, 0x00, 0x1b]) },
    ],
  },
  {
    name: "JK 4E57 replies",
    parser: jkReplyParser,
    mode: "stream",
    headerByte: 0x4e,
    frame: encodeJkReply(0x06, Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0x7f)),
    patterns: [
      randomNoise,
      { name: "4E57-rich noise", make: noise(3, [0x4e, 0x57, 0x01, 0x68, 0x00]) },
      { name: "flood 4E 57 01 FB 68", make: repeat([0x4e, 0x57, 0x01, 0xfb, 0x68]) },
    ],
  },
  {
    // Slot for the JK-BMS "55 AA EB 90" stream parser: fill in `parser` and `frame` when it lands.
    name: "JK 55 AA EB 90 (pending)",
    parser: undefined,
    mode: "stream",
    headerByte: 0x55,
    frame: new Uint8Array(0),
    patterns: [randomNoise, { name: "flood 55 AA EB 90", make: repeat([0x55, 0xaa, 0xeb, 0x90]) }],
  },
  {
    name: "Modbus RTU reply (unit 1, fc 03, 10 registers)",
    parser: rtuReplyParser({ unit: 1, functionCode: 0x03, pduLength: 22 }),
    mode: "stream",
    headerByte: 0x01,
    frame: encodeRtuFrame(1, Uint8Array.from([0x03, 20, ...Array.from({ length: 20 }, (_, i) => i)])),
    patterns: [
      randomNoise,
      { name: "01 03-rich noise", make: noise(4, [0x01, 0x03, 0x14]) },
      { name: "flood 01 03 14", make: repeat([0x01, 0x03, 0x14]) },
    ],
  },
  {
    name: "Modbus RTU replies between requests (any reply)",
    parser: rtuResponseParser,
    mode: "stream",
    headerByte: 0x01,
    frame: encodeRtuFrame(1, Uint8Array.from([0x03, 20, ...Array.from({ length: 20 }, (_, i) => i)])),
    patterns: [randomNoise, { name: "flood 01 03 FA", make: repeat([0x01, 0x03, 0xfa]) }],
  },
  {
    name: "Modbus RTU requests (server)",
    parser: rtuRequestParser,
    mode: "stream",
    headerByte: 0x01,
    frame: encodeRtuFrame(1, Uint8Array.from([0x03, 0x00, 0x00, 0x00, 0x0a])),
    patterns: [
      randomNoise,
      { name: "01 10-rich noise", make: noise(5, [0x01, 0x03, 0x10, 0x00, 0xf0]) },
      { name: "flood 01 10 00 00 00 78 F0", make: repeat([0x01, 0x10, 0x00, 0x00, 0x00, 0x78, 0xf0]) },
    ],
  },
  {
    name: "iCharger HID reports (packet mode)",
    parser: hidReportParser,
    mode: "packet",
    headerByte: 0x30,
    frame: pad64(encodeHidReport(Uint8Array.from([0x04, 0x14, ...Array.from({ length: 20 }, (_, i) => i)]))),
    patterns: [
      randomNoise,
      {
        name: "reports of unknown type or bad length",
        make: reports((prng) => Uint8Array.from({ length: 64 }, (_, i) => (i === 0 ? prng.int(0, 255) : i === 1 ? [0x30, 0x10, 0x42][prng.int(0, 2)]! : prng.int(0, 255)))),
      },
    ],
  },
];

function jbdFrame(): Uint8Array {
  return encodeJbdResponse(0x03, 0, Uint8Array.from({ length: 29 }, (_, i) => i * 3));
}

function pad64(report: Uint8Array): Uint8Array {
  const out = new Uint8Array(64);
  out.set(report);
  return out;
}
