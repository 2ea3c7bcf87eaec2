// test-support by path: core cannot list @batt/test-support (which depends on core) among its devDependencies.
import { textMutators } from "../../../test-support/src/fuzz/mutators.js";
import type { FuzzTarget } from "../../../test-support/src/fuzz/target.js";
import { parseTranscript, type TranscriptEntry } from "../src/transcript.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Transcripts as `batt --record` writes them and as people edit them (comments, blank lines, CR LF, other hex spellings). */
const TRANSCRIPTS = [
  "# read 1 holding register\n=> 01 03 00 00 00 01 84 0a\n<= 01 03 02 00 2a 38 5b\n",
  "=> dd a5 03 00 ff fd 77\r\n<= DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77 # basic info\r\n\r\n",
  "=> 0x01,0x04,0x30,0xA0,0x00,0x01,0x3E,0xE8\n<= 01:04:02:05:46:3b:92\n# end\n",
].map((t) => encoder.encode(t));

/** The transcript parser (`--replay FILE`). */
export const TRANSCRIPT_TARGET: FuzzTarget<TranscriptEntry[]> = {
  name: "core transcript parser (parseTranscript)",
  seeds: TRANSCRIPTS,
  maxLength: 4096,
  mutators: textMutators(["=>", "<=", "#", "0x", ",", ":", "-", "_", "\r", "\n", " ", "zz", "0", "ff", "=> ", "<= #"]),
  decode: (input) => parseTranscript(decoder.decode(input)),
  check(_input, entries) {
    const bad = entries.find((e) => e.direction !== "=>" && e.direction !== "<=");
    return bad ? `an entry with direction ${String(bad.direction)}` : undefined;
  },
};

/** The core decoders under fuzz. */
export const CORE_TARGETS: readonly FuzzTarget[] = [TRANSCRIPT_TARGET];
