/**
 * bench/parser-throughput: CPU per byte of every stream parser under hostile input, through the FrameDecoder
 * as the drivers use it.
 *
 * For each parser and each pattern (random noise, noise rich in header bytes, a flood of false headers whose
 * length fields point at plausible ends), fed in one chunk, in 64-byte chunks and one byte at a time:
 * - µs/byte, and that as a share of the time one byte takes on the wire at 115200 baud (10 bits: 86.8 µs);
 *   a parser slower than the line (share ≥ 1) can never catch up and starves the process;
 * - the ratio to a reference measured in this run on the same bytes: a plain linear scan (`indexOf` of the
 *   header byte from one hit to the next);
 * - growth: µs/byte at the largest size over µs/byte at half that size (≈1 linear, ≈2 quadratic).
 * Sizes double from 1 KiB up to 64 KiB; a case stops doubling once one run takes more than 100 ms of CPU (so
 * super-linear code still finishes in about a minute) and is marked "capped" with the size it reached.
 * Last, the clean-frame rate: frames/s for back-to-back valid frames in 64-byte chunks, as a multiple of the
 * frame rate a 115200-baud line can carry, and its time over the reference scan of the same bytes.
 * Times are CPU time of this process (user + system), each the least of several runs, so that other work on
 * a shared machine disturbs them less; the reference is measured the same way.
 *
 * Usage: pnpm bench parser-throughput [--max-kib 64] [--cap-ms 100]
 */
import { parseArgs } from "node:util";
import { FrameDecoder, type FrameParser, type TransportKind } from "@batt/core";
import { CASES, type ParserCase } from "./cases.js";

const { values } = parseArgs({ options: { "max-kib": { type: "string", default: "64" }, "cap-ms": { type: "string", default: "100" } } });
const MAX_BYTES = Number(values["max-kib"]) * 1024;
const CAP_MS = Number(values["cap-ms"]);
const MIN_SIZE = 1024;
/** How long one measurement repeats its run, so short runs are not dominated by timer resolution. */
const MIN_MEASURE_MS = 40;
/** One byte at 115200 baud, 8N1: 10 bits. */
const LINE_US_PER_BYTE = 1e6 / 11520;

type Feed = { readonly name: string; readonly chunk: number | "all" };
const STREAM_FEEDS: readonly Feed[] = [
  { name: "1 chunk", chunk: "all" },
  { name: "64 B chunks", chunk: 64 },
  { name: "1 B chunks", chunk: 1 },
];
const PACKET_FEEDS: readonly Feed[] = [{ name: "64 B reports", chunk: 64 }];

/** Feeds `bytes` to a fresh decoder; returns how many bytes came out (frames + skipped), so nothing is optimised away. */
function decodeAll(parser: FrameParser<unknown>, mode: TransportKind, bytes: Uint8Array, chunk: number | "all"): number {
  const decoder = new FrameDecoder(parser, { mode });
  const step = chunk === "all" ? bytes.length : chunk;
  let out = 0;
  for (let at = 0; at < bytes.length; at += step) {
    for (const event of decoder.push(bytes.subarray(at, at + step))) out += event.type === "frame" ? event.raw.length : event.bytes.length;
  }
  return out + decoder.buffered;
}

/** The reference: a linear scan for the header byte, hit to hit. */
function scan(bytes: Uint8Array, header: number): number {
  let hits = 0;
  for (let at = bytes.indexOf(header); at >= 0; at = bytes.indexOf(header, at + 1)) hits++;
  return hits;
}

let sink = 0;
/** CPU time of this process in milliseconds (user + system): what a parser costs, whatever else the machine runs. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * CPU milliseconds per call of `run`: the least of the calls made in at least MIN_MEASURE_MS (three at
 * least), so a machine shared with other work disturbs the figure less.
 */
function measure(run: () => number): number {
  let runs = 0;
  let best = Number.POSITIVE_INFINITY;
  const start = performance.now();
  do {
    const t = cpuMs();
    sink += run();
    best = Math.min(best, cpuMs() - t);
    runs++;
  } while (runs < 3 || performance.now() - start < MIN_MEASURE_MS);
  return best;
}

interface Row {
  readonly bytes: number;
  readonly usPerByte: number;
  readonly refUsPerByte: number;
  readonly growth: number | undefined;
  readonly capped: boolean;
}

function runCase(c: ParserCase, make: (size: number) => Uint8Array, feed: Feed): Row {
  const parser = c.parser!;
  let previous: number | undefined;
  let row: Row | undefined;
  for (let size = MIN_SIZE; size <= MAX_BYTES; size *= 2) {
    const bytes = make(size);
    const firstStart = cpuMs();
    sink += decodeAll(parser, c.mode, bytes, feed.chunk);
    const first = cpuMs() - firstStart;
    const ms = first > CAP_MS ? first : measure(() => decodeAll(parser, c.mode, bytes, feed.chunk));
    const usPerByte = (ms * 1000) / size;
    const refUsPerByte = (measure(() => scan(bytes, c.headerByte)) * 1000) / size;
    row = { bytes: size, usPerByte, refUsPerByte, growth: previous === undefined ? undefined : usPerByte / previous, capped: false };
    previous = usPerByte;
    if (first > CAP_MS && size < MAX_BYTES) return { ...row, capped: true };
  }
  return row!;
}

function fmt(value: number, digits = 3): string {
  if (value >= 1000) return value.toFixed(0);
  if (value < 0.001) return value.toExponential(digits - 1);
  return value.toPrecision(digits);
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function cleanRate(c: ParserCase): { framesPerSecond: number; lineRatio: number; refRatio: number } {
  const parser = c.parser!;
  const count = Math.max(1, Math.floor((64 * 1024) / c.frame.length));
  const bytes = new Uint8Array(count * c.frame.length);
  for (let i = 0; i < count; i++) bytes.set(c.frame, i * c.frame.length);
  const frames = (): number => {
    const decoder = new FrameDecoder(parser, { mode: c.mode });
    let n = 0;
    for (let at = 0; at < bytes.length; at += 64) for (const event of decoder.push(bytes.subarray(at, at + 64))) if (event.type === "frame") n++;
    if (n !== count) throw new Error(`${c.name}: ${n} of ${count} clean frames decoded`);
    return n;
  };
  const ms = measure(frames);
  const framesPerSecond = count / (ms / 1000);
  const refMs = measure(() => scan(bytes, c.headerByte));
  return { framesPerSecond, lineRatio: framesPerSecond / (11520 / c.frame.length), refRatio: ms / refMs };
}

const started = performance.now();
// Warm up every parser on a little of each pattern and feed, so the first measured case is not the JIT's.
for (const c of CASES) {
  if (!c.parser) continue;
  for (const p of c.patterns) for (const feed of c.mode === "packet" ? PACKET_FEEDS : STREAM_FEEDS) decodeAll(c.parser, c.mode, p.make(2048), feed.chunk);
}

console.log(`parser-throughput: µs of CPU per input byte through FrameDecoder; line = share of one byte at 115200 baud (${LINE_US_PER_BYTE.toFixed(1)} µs)`);
console.log("×ref = cost over a linear indexOf scan of the header byte on the same bytes, measured in this run; growth ≈1 linear, ≈2 quadratic\n");
const header = `${pad("parser / pattern", 58)}${pad("feed", 14)}${pad("bytes", 8, true)}${pad("µs/byte", 10, true)}${pad("line", 9, true)}${pad("×ref", 9, true)}${pad("growth", 8, true)}`;
console.log(header);
console.log("-".repeat(header.length + 8));
const capped: string[] = [];
for (const c of CASES) {
  if (!c.parser) {
    console.log(`${pad(c.name, 58)}(no parser in the repository yet: slot kept for it)`);
    continue;
  }
  console.log(c.name);
  for (const pattern of c.patterns) {
    for (const feed of c.mode === "packet" ? PACKET_FEEDS : STREAM_FEEDS) {
      const row = runCase(c, pattern.make, feed);
      const note = row.capped ? "  capped" : "";
      if (row.capped) capped.push(`${c.name} / ${pattern.name} / ${feed.name} at ${row.bytes / 1024} KiB`);
      console.log(
        `${pad(`  ${pattern.name}`, 58)}${pad(feed.name, 14)}${pad(`${row.bytes / 1024}K`, 8, true)}${pad(fmt(row.usPerByte), 10, true)}` +
          `${pad(fmt(row.usPerByte / LINE_US_PER_BYTE, 2), 9, true)}${pad(fmt(row.usPerByte / row.refUsPerByte), 9, true)}` +
          `${pad(row.growth === undefined ? "-" : row.growth.toFixed(2), 8, true)}${note}`,
      );
    }
  }
}
if (capped.length > 0) {
  console.log(`\nCapped (one run took over ${CAP_MS} ms of CPU, so the size stopped doubling below ${MAX_BYTES / 1024} KiB):`);
  for (const line of capped) console.log(`  ${line}`);
}

console.log("\nClean frames, back to back, in 64-byte chunks:");
for (const c of CASES) {
  if (!c.parser) continue;
  const { framesPerSecond, lineRatio, refRatio } = cleanRate(c);
  console.log(
    `  ${pad(c.name, 56)}${pad(`${c.frame.length} B`, 7, true)}${pad(fmt(framesPerSecond), 10, true)} frames/s${pad(fmt(lineRatio), 9, true)}× the 115200-baud frame rate` +
      `${pad(fmt(refRatio), 9, true)}×ref`,
  );
}
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s; checksum of outputs ${sink})`);
