import { concatBytes } from "./bytes.js";
import { formatTranscript, type TranscriptEntry } from "./transcript.js";
import { WrappedTransport } from "./wrapped-transport.js";

/**
 * Wraps a transport and records its traffic as a transcript: every write is a `=>` line; bytes
 * received before the next write join into one `<=` line (one line per report on packet links).
 * Replay the result with `TranscriptReplayer` from `@batt/core/testing`.
 */
export class TranscriptRecorder extends WrappedTransport {
  private readonly log: (TranscriptEntry | string)[] = [];

  /** Recorded entries and comments, in order. */
  get entries(): readonly (TranscriptEntry | string)[] {
    return this.log;
  }

  /** Adds a `#` comment line at this point of the recording. */
  comment(text: string): void {
    for (const line of text.split(/\r?\n/)) this.log.push(line);
  }

  /** The recording in transcript text form. */
  override toString(): string {
    return formatTranscript(this.log);
  }

  protected override fromInner(chunk: Uint8Array): void {
    this.note("<=", chunk);
    this.receive(chunk);
  }

  protected override toInner(data: Uint8Array): Promise<void> {
    this.note("=>", data);
    return this.inner.write(data);
  }

  private note(direction: "=>" | "<=", bytes: Uint8Array): void {
    const last = this.log[this.log.length - 1];
    if (direction === "<=" && this.kind === "stream" && typeof last === "object" && last.direction === "<=") {
      this.log[this.log.length - 1] = { direction, bytes: concatBytes(last.bytes, bytes) };
    } else {
      this.log.push({ direction, bytes: bytes.slice() });
    }
  }
}
