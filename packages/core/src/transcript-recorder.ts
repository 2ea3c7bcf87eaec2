import { BaseTransport } from "./base-transport.js";
import { concatBytes } from "./bytes.js";
import type { Unsubscribe } from "./listeners.js";
import { formatTranscript, type TranscriptEntry } from "./transcript.js";
import type { Transport } from "./transport.js";

/**
 * Wraps a transport and records its traffic as a transcript: every write is a `=>` line; bytes
 * received before the next write join into one `<=` line (one line per report on packet links).
 * Replay the result with {@link TranscriptReplayer}.
 */
export class TranscriptRecorder extends BaseTransport {
  private readonly log: (TranscriptEntry | string)[] = [];
  private subscriptions: Unsubscribe[] = [];

  constructor(
    /** The transport being recorded. */
    readonly inner: Transport,
  ) {
    super(inner.kind, inner.info);
  }

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

  protected async doOpen(): Promise<void> {
    this.subscriptions = [
      this.inner.onData((chunk) => {
        this.note("<=", chunk);
        this.receive(chunk);
      }),
      this.inner.onClose((reason) => this.lost(reason)),
    ];
    await this.inner.open();
  }

  protected async doClose(): Promise<void> {
    for (const u of this.subscriptions) u();
    this.subscriptions = [];
    await this.inner.close();
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    this.note("=>", data);
    await this.inner.write(data);
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
