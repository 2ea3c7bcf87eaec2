import { BattError } from "./errors.js";
import { fromHex, toHex } from "./hex.js";

/** Direction of a transcript line: `=>` host to device, `<=` device to host. */
export type TranscriptDirection = "=>" | "<=";

/** One line of a transcript: a direction and the bytes that went that way. */
export interface TranscriptEntry {
  /** `=>` host to device, `<=` device to host. */
  readonly direction: TranscriptDirection;
  /** The bytes. */
  readonly bytes: Uint8Array;
  /** 1-based line number in the source text, when parsed. */
  readonly line?: number;
}

/**
 * Parses a transcript: one `=> hex` or `<= hex` per line; `#` starts a comment (whole line or
 * trailing); blank lines are ignored.
 *
 * @example
 * ```text
 * # read 1 holding register
 * => 01 03 00 00 00 01 84 0a
 * <= 01 03 02 00 2a 38 5b
 * ```
 */
export function parseTranscript(text: string): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const direction = line.slice(0, 2);
    if (direction !== "=>" && direction !== "<=") {
      throw new BattError("invalid-argument", `transcript line ${index + 1}: expected "=> hex" or "<= hex", got "${raw.trim()}"`);
    }
    entries.push({ direction, bytes: fromHex(line.slice(2)), line: index + 1 });
  });
  return entries;
}

/** Writes entries in the transcript format (comments are strings in the list). */
export function formatTranscript(entries: readonly (TranscriptEntry | string)[]): string {
  return (
    entries.map((e) => (typeof e === "string" ? `# ${e}` : `${e.direction} ${toHex(e.bytes)}`)).join("\n") + "\n"
  );
}
