import type { Clock } from "../clock.js";
import { FrameDecoder } from "../frame-decoder.js";
import type { FrameParser } from "../frame-parser.js";
import type { Unsubscribe } from "../listeners.js";
import type { Transport } from "../transport.js";

/** Bytes a simulated device writes, after a pause. */
export interface ReplyPiece {
  /** The bytes. */
  readonly bytes: Uint8Array;
  /** Pause before them, ms on the clock (0: at once). */
  readonly delayMs: number;
}

/** Options of {@link answerRequests}. */
export interface AnswerRequestsOptions<Request> {
  /** Clock that times the pauses before reply pieces. */
  readonly clock: Clock;
  /** Answers one request with the pieces to write; `undefined` or no pieces for no reply. */
  readonly reply: (request: Request) => readonly ReplyPiece[] | undefined;
  /** Told of every run of bytes the parser rejected (noise, a bad checksum). */
  readonly skipped?: (bytes: Uint8Array) => void;
}

/**
 * Answers the requests that arrive on a stream `transport` as a simulated device does: chunks are
 * decoded with `parser` (a {@link FrameDecoder}, so garbage is skipped and reported), each request
 * goes to `options.reply`, and the pieces it returns are written in order, each after its pause on
 * the clock. A reply does not wait for earlier ones (a delayed reply may arrive after a later one),
 * and a failed write ends its reply quietly, as a device keeps talking when the host has gone.
 *
 * @returns A function that stops answering: nothing more is decoded, no new reply starts, and the
 * bytes waiting for the rest of a request are dropped; replies already being written finish.
 * @example
 * ```ts
 * const stop = answerRequests(device, requestParser, { clock, reply: (request) => [{ bytes: encode(request), delayMs: 0 }] });
 * ```
 */
export function answerRequests<Request>(transport: Transport, parser: FrameParser<Request>, options: AnswerRequestsOptions<Request>): Unsubscribe {
  const decoder = new FrameDecoder(parser);
  let stopped = false;
  const deliver = async (pieces: readonly ReplyPiece[]): Promise<void> => {
    try {
      for (const piece of pieces) {
        if (piece.delayMs > 0) await new Promise<void>((resolve) => options.clock.setTimer(resolve, piece.delayMs));
        await transport.write(piece.bytes);
      }
    } catch {
      // The host went away mid-reply; a real device keeps talking into the void.
    }
  };
  const unsubscribe = transport.onData((chunk) => {
    for (const event of decoder.push(chunk)) {
      if (event.type === "skipped") {
        options.skipped?.(event.bytes);
        continue;
      }
      const pieces = options.reply(event.frame);
      if (pieces && !stopped) void deliver(pieces);
    }
  });
  return () => {
    stopped = true;
    unsubscribe();
    decoder.flush();
  };
}
