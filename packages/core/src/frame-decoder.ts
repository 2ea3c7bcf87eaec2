import { concatBytes } from "./bytes.js";
import { BattError } from "./errors.js";
import type { FrameParser } from "./frame-parser.js";
import type { TransportKind } from "./transport.js";

/** What {@link FrameDecoder.push} produced: a frame with its bytes, or bytes that were dropped and why. */
export type DecodeEvent<F> =
  | { readonly type: "frame"; readonly frame: F; readonly raw: Uint8Array }
  | { readonly type: "skipped"; readonly bytes: Uint8Array; readonly error: BattError };

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
 * Incremental decoder over a rolling buffer: feed it chunks as they arrive, get complete frames
 * and explicit reports of skipped garbage. It resynchronises by dropping what the parser rejects
 * and trying again at the next byte.
 */
export class FrameDecoder<F> {
  private buffer: Uint8Array = new Uint8Array(0);
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
    return this.buffer.length;
  }

  /** Adds a chunk and returns every frame and every skipped run it completes, in order. */
  push(chunk: Uint8Array): DecodeEvent<F>[] {
    if (this.mode === "packet") {
      this.buffer = chunk;
      const events = this.drain();
      const rest = this.buffer;
      this.buffer = new Uint8Array(0);
      // After a frame (good or with a bad sum) the rest of a report is padding; a report that ends inside its frame is an error.
      if (rest.length > 0 && !events.some((e) => e.type === "frame" || e.error.code === "checksum")) {
        const bytes = rest.slice();
        events.push({ type: "skipped", bytes, error: new BattError("frame", `report ends inside a frame (${bytes.length} bytes)`, { context: { raw: bytes } }) });
      }
      return events;
    }
    this.buffer = this.buffer.length === 0 ? chunk.slice() : concatBytes(this.buffer, chunk);
    const events = this.drain();
    if (this.buffer.length > this.maxBuffer) {
      const dropped = this.buffer.slice(0, this.buffer.length - this.maxBuffer);
      this.buffer = this.buffer.slice(dropped.length);
      events.push({
        type: "skipped",
        bytes: dropped,
        error: new BattError("frame", `no frame completed within ${this.maxBuffer} bytes`, { context: { raw: dropped } }),
      });
    }
    return events;
  }

  /** Drops whatever is buffered and returns it (for example after a timeout). */
  flush(): Uint8Array {
    const rest = this.buffer;
    this.buffer = new Uint8Array(0);
    return rest;
  }

  private drain(): DecodeEvent<F>[] {
    const events: DecodeEvent<F>[] = [];
    let pendingSkip: { start: number; end: number; error: BattError } | undefined;
    let offset = 0;
    const flushSkip = (): void => {
      if (!pendingSkip) return;
      const bytes = this.buffer.slice(pendingSkip.start, pendingSkip.end);
      events.push({ type: "skipped", bytes, error: pendingSkip.error.withContext({ raw: bytes }) });
      pendingSkip = undefined;
    };
    while (offset < this.buffer.length) {
      const view = this.buffer.subarray(offset);
      const result = this.parser.parse(view);
      if (result.kind === "incomplete") break;
      if (result.kind === "frame") {
        if (result.length < 1 || result.length > view.length) {
          throw new BattError("frame", `parser returned an impossible frame length ${result.length}`);
        }
        flushSkip();
        events.push({ type: "frame", frame: result.frame, raw: this.buffer.slice(offset, offset + result.length) });
        offset += result.length;
        if (this.mode === "packet") break; // a report holds one frame; the rest is padding
        continue;
      }
      const skip = Math.min(Math.max(1, result.skip), view.length);
      // Runs of unframeable bytes coalesce into one event; every checksum failure is its own event so it is counted.
      if (pendingSkip && pendingSkip.end === offset && result.error.code !== "checksum" && pendingSkip.error.code !== "checksum") {
        pendingSkip.end = offset + skip;
      } else {
        flushSkip();
        pendingSkip = { start: offset, end: offset + skip, error: result.error };
      }
      offset += skip;
      // A complete frame with a bad sum was the report's frame; what follows it is padding, not garbage.
      if (this.mode === "packet" && result.error.code === "checksum") break;
    }
    flushSkip();
    this.buffer = offset === 0 ? this.buffer : this.buffer.slice(offset);
    return events;
  }
}
