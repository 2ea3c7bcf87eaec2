import { BaseTransport } from "../base-transport.js";
import { concatBytes } from "../bytes.js";
import { BattError } from "../errors.js";
import { toHex } from "../hex.js";
import { parseTranscript, type TranscriptEntry } from "../transcript.js";
import type { TransportInfo, TransportKind } from "../transport.js";

/** Options for {@link TranscriptReplayer}. */
export interface TranscriptReplayerOptions {
  /** `stream` (default) or `packet`. */
  readonly kind?: TransportKind;
  /** Link details to report (a packet size pads expected reports for comparison). */
  readonly info?: TransportInfo;
}

/**
 * A transport that plays the device side of a transcript: each write must equal the next `=>`
 * line (writes may come in pieces), then the `<=` lines that follow are delivered. A write that
 * differs, or comes when no `=>` is left, is rejected with `transcript-mismatch` and remembered;
 * {@link TranscriptReplayer.assertComplete} then fails, as it does when lines are left over.
 */
export class TranscriptReplayer extends BaseTransport {
  private readonly script: TranscriptEntry[];
  private position = 0;
  private pending: Uint8Array = new Uint8Array(0);
  /** Mismatches seen so far (each also rejected the write that caused it). */
  readonly failures: BattError[] = [];

  constructor(transcript: string | readonly TranscriptEntry[], options: TranscriptReplayerOptions = {}) {
    super(options.kind ?? "stream", { description: "transcript replay", ...options.info });
    this.script = typeof transcript === "string" ? parseTranscript(transcript) : [...transcript];
  }

  /** Entries not yet played. */
  get remaining(): readonly TranscriptEntry[] {
    return this.script.slice(this.position);
  }

  /** Throws `transcript-mismatch` if a write was unexpected or lines are left over. */
  assertComplete(): void {
    if (this.failures.length > 0) throw this.failures[0]!;
    const left = this.remaining;
    if (left.length > 0 || this.pending.length > 0) {
      const next = left[0];
      throw new BattError(
        "transcript-mismatch",
        `transcript not finished: ${left.length} line(s) left` +
          (next ? `, next at line ${next.line ?? "?"}: ${next.direction} ${toHex(next.bytes)}` : "") +
          (this.pending.length > 0 ? `; partial write ${toHex(this.pending)}` : ""),
      );
    }
  }

  /** Opens the replay; the lines the device speaks first are then delivered. */
  override async open(): Promise<void> {
    await super.open();
    // Not in doOpen: bytes delivered before the base class marks the transport open would be dropped.
    this.playReplies();
  }

  protected async doOpen(): Promise<void> {}

  protected async doClose(): Promise<void> {}

  protected async doWrite(data: Uint8Array): Promise<void> {
    const expected = this.script[this.position];
    if (!expected || expected.direction !== "=>") {
      throw this.fail(`unexpected write ${toHex(data)}: ${expected ? `the transcript expects the device to speak next (line ${expected.line ?? "?"})` : "the transcript has ended"}`);
    }
    const want = this.padded(expected.bytes);
    this.pending = concatBytes(this.pending, data);
    const got = this.pending;
    const prefixMatches = got.length <= want.length && got.every((b, i) => b === want[i]);
    if (!prefixMatches) {
      this.pending = new Uint8Array(0);
      throw this.fail(`line ${expected.line ?? "?"}: expected => ${toHex(expected.bytes)}, got => ${toHex(got)}`);
    }
    if (got.length < want.length) return;
    this.pending = new Uint8Array(0);
    this.position++;
    this.playReplies();
  }

  private padded(bytes: Uint8Array): Uint8Array {
    const size = this.info.packetSize;
    if (this.kind !== "packet" || size === undefined || bytes.length >= size) return bytes;
    const out = new Uint8Array(size);
    out.set(bytes);
    return out;
  }

  private playReplies(): void {
    const replies: Uint8Array[] = [];
    while (this.script[this.position]?.direction === "<=") replies.push(this.script[this.position++]!.bytes);
    if (replies.length > 0) queueMicrotask(() => replies.forEach((r) => this.receive(r)));
  }

  private fail(message: string): BattError {
    const error = new BattError("transcript-mismatch", message);
    this.failures.push(error);
    return error;
  }
}
