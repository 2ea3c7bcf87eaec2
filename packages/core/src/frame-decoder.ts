import { BattError } from "./errors.js";
import { skipMessage, type FrameParser, type SkipCode, type SkipMessage } from "./frame-parser.js";
import type { TransportKind } from "./transport.js";

/**
 * What {@link FrameDecoder.push} produced: a frame with its bytes, or a run of bytes that were dropped
 * and why. The `error` of a skipped run is built on first access (once per run), so counting skipped
 * bytes and checksum failures by `code` costs no error object.
 */
export type DecodeEvent<F> =
  | { readonly type: "frame"; readonly frame: F; readonly raw: Uint8Array }
  | { readonly type: "skipped"; readonly bytes: Uint8Array; readonly code: SkipCode; readonly error: BattError };

/** Options for {@link FrameDecoder}. */
export interface FrameDecoderOptions {
  /**
   * `stream` (default): chunks join into one byte stream. `packet`: every chunk is one report,
   * parsed on its own; what a report holds after its frame is padding and is discarded silently.
   */
  readonly mode?: TransportKind;
  /** Largest number of bytes kept while waiting for a frame to complete (default 4096). */
  readonly maxBuffer?: number;
}

/**
 * A skipped run whose `BattError` (with the bytes as `raw` context) is made when first read. A class
 * rather than an object literal with a getter: it is made for every chunk of noise, so it must be cheap.
 */
class SkippedRun {
  readonly type = "skipped";
  private made: BattError | undefined;

  constructor(
    readonly bytes: Uint8Array,
    readonly code: SkipCode,
    private readonly message: SkipMessage,
  ) {}

  get error(): BattError {
    return (this.made ??= new BattError(this.code, skipMessage(this.message), { context: { raw: this.bytes } }));
  }
}

/**
 * Incremental decoder over a rolling buffer: feed it chunks as they arrive, get complete frames
 * and explicit reports of skipped garbage. It resynchronises by dropping what the parser rejects
 * and trying again where the parser says the next frame could start.
 *
 * Cost: appending is amortised O(1) per byte (the buffer grows by doubling and is compacted, never
 * copied per chunk); contiguous rejected bytes become one event; a checksum failure of a header that
 * starts inside a frame already rejected for its checksum is part of the garbage, not a new failure.
 */
export class FrameDecoder<F> {
  private store: Uint8Array = new Uint8Array(0);
  private start = 0;
  private end = 0;
  /** The parser's `checkedTo` for the bytes from `start`, its `resume` for the frame at `start`, and the parser they came from. */
  private checkedTo = 0;
  private resume: number | undefined;
  private checkedBy: FrameParser<F> | undefined;
  /** End (from `start`) of the latest frame rejected for its checksum; a chain of overlapping ones extends it. */
  private badEnd = 0;
  private readonly mode: TransportKind;
  private readonly maxBuffer: number;

  constructor(
    /** The frame parser in use; can be swapped between transactions. */
    public parser: FrameParser<F>,
    options: FrameDecoderOptions = {},
  ) {
    this.mode = options.mode ?? "stream";
    this.maxBuffer = options.maxBuffer ?? 4096;
  }

  /** Bytes waiting for the rest of a frame. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Adds a chunk and returns every frame and every skipped run it completes, in order. */
  push(chunk: Uint8Array): DecodeEvent<F>[] {
    const events: DecodeEvent<F>[] = [];
    if (this.mode === "packet") {
      this.checkedTo = 0;
      this.resume = undefined;
      this.badEnd = 0;
      const used = this.drain(chunk, events);
      // After a frame (good or with a bad sum) the rest of a report is padding; a report that ends inside its frame is an error.
      if (used < chunk.length && !events.some((e) => e.type === "frame" || e.code === "checksum")) {
        const bytes = chunk.slice(used);
        events.push(new SkippedRun(bytes, "frame", `report ends inside a frame (${bytes.length} bytes)`));
      }
      return events;
    }
    if (chunk.length === 0 && this.end === this.start) return events;
    this.append(chunk);
    this.consume(this.drain(this.store.subarray(this.start, this.end), events));
    const excess = this.end - this.start - this.maxBuffer;
    if (excess > 0) {
      const dropped = this.store.slice(this.start, this.start + excess);
      this.consume(excess);
      this.resume = undefined;
      events.push(new SkippedRun(dropped, "frame", `no frame completed within ${this.maxBuffer} bytes`));
    }
    return events;
  }

  /** Drops whatever is buffered and returns it (for example after a timeout). */
  flush(): Uint8Array {
    const rest = this.store.slice(this.start, this.end);
    this.start = this.end = 0;
    this.checkedTo = 0;
    this.resume = undefined;
    this.badEnd = 0;
    return rest;
  }

  private append(chunk: Uint8Array): void {
    const live = this.end - this.start;
    const needed = live + chunk.length;
    if (this.end + chunk.length > this.store.length) {
      if (needed <= this.store.length >>> 1) {
        this.store.copyWithin(0, this.start, this.end);
      } else {
        const grown = new Uint8Array(Math.max(256, needed * 2));
        grown.set(this.store.subarray(this.start, this.end));
        this.store = grown;
      }
      this.start = 0;
      this.end = live;
    }
    this.store.set(chunk, this.end);
    this.end += chunk.length;
  }

  private consume(count: number): void {
    this.start += count;
    this.checkedTo = Math.max(0, this.checkedTo - count);
    this.badEnd = Math.max(0, this.badEnd - count);
    if (this.start === this.end) this.start = this.end = 0;
  }

  /** Parses frames and skipped runs off the front of `bytes` into `events`; returns how many bytes it used. */
  private drain(bytes: Uint8Array, events: DecodeEvent<F>[]): number {
    const parser = this.parser;
    if (parser !== this.checkedBy) {
      this.checkedBy = parser;
      this.checkedTo = 0;
      this.resume = undefined;
    }
    // The run of skipped bytes not reported yet: [runStart, runEnd) with its reason; runEnd < 0 when there is none.
    let runStart = 0;
    let runEnd = -1;
    let runCode: SkipCode = "frame";
    let runMessage: SkipMessage = "";
    // What the parser said it examined, and the end of the latest frame with a bad sum: offsets into `bytes`.
    let checkedTo = this.checkedTo;
    let badEnd = this.badEnd;
    // Only for the frame start the parser left waiting: once a byte is dropped it belongs to nothing.
    const resume = this.resume;
    this.resume = undefined;
    let offset = 0;
    while (offset < bytes.length) {
      const view = offset === 0 ? bytes : bytes.subarray(offset);
      const result = parser.parse(view, checkedTo > offset ? checkedTo - offset : 0, offset === 0 ? resume : undefined);
      if (result.kind === "incomplete") {
        // What was examined stays examined: a parser that says less this time (a plain INCOMPLETE) forgets nothing.
        checkedTo = Math.max(checkedTo, offset + (result.checkedTo ?? 0));
        // Relative to the start at `offset`, which consume() makes the new start.
        this.resume = result.resume;
        break;
      }
      if (result.kind === "frame") {
        if (result.length < 1 || result.length > view.length) {
          throw new BattError("frame", `parser returned an impossible frame length ${result.length}`);
        }
        if (runEnd >= 0) events.push(new SkippedRun(bytes.slice(runStart, runEnd), runCode, runMessage));
        runEnd = -1;
        events.push({ type: "frame", frame: result.frame, raw: bytes.slice(offset, offset + result.length) });
        offset += result.length;
        if (this.mode === "packet") break; // a report holds one frame; the rest is padding
        continue;
      }
      const skip = Math.min(Math.max(1, result.skip), view.length);
      let code = result.code;
      let message = result.message;
      if (code === "checksum") {
        // A header inside a frame already rejected for its sum is more of the same garbage: one failure, not one per false header.
        if (offset < badEnd) {
          code = "frame";
          message = insideBadFrame(message);
        }
        badEnd = Math.max(badEnd, offset + Math.max(skip, result.span ?? 0));
      }
      // Runs of unframeable bytes coalesce into one event; every checksum failure is its own event so it is counted.
      if (runEnd === offset && code === "frame" && runCode === "frame") {
        runEnd = offset + skip;
      } else {
        if (runEnd >= 0) events.push(new SkippedRun(bytes.slice(runStart, runEnd), runCode, runMessage));
        runStart = offset;
        runEnd = offset + skip;
        runCode = code;
        runMessage = message;
      }
      offset += skip;
      // A complete frame with a bad sum was the report's frame; what follows it is padding, not garbage.
      if (this.mode === "packet" && code === "checksum") break;
    }
    if (runEnd >= 0) events.push(new SkippedRun(bytes.slice(runStart, runEnd), runCode, runMessage));
    // Both relative to `bytes`: the caller's consume() shifts them past what was used.
    this.checkedTo = checkedTo;
    this.badEnd = badEnd;
    return offset;
  }
}

function insideBadFrame(message: SkipMessage): SkipMessage {
  return () => `false header inside a frame with a bad checksum (${skipMessage(message)})`;
}
