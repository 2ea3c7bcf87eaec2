import { INCOMPLETE, type FrameParser, type ParseResult } from "@batt/core";
import { EB90_FRAME_LENGTH } from "../eb90/eb90-constants.js";
import type { Eb90Frame } from "../eb90/eb90-frame.js";
import { jkPbBusParser } from "./pb-bus-parser.js";
import type { JkPbBusToken } from "./pb-bus-token.js";

/** A JK-PB reply to a trigger: the frame and the acknowledgement that names its sender; or any other bus token. */
export type JkPbTriggerReply = { readonly kind: "frame-ack"; readonly frame: Eb90Frame; readonly address: number; readonly register: number } | JkPbBusToken;

/** Zero bytes a pack may put between its frame and its acknowledgement (docs/protocols/jk.md#55-aa-eb-90-protocol). */
const MAX_GAP = 2;

/**
 * The host side of the trigger path: a `55 AA EB 90` frame followed (after at most two `00` bytes) by
 * an FC 0x10 acknowledgement is one reply, attributed to the acknowledgement's address, since the
 * frame carries none. Acknowledgements alone (settings writes), exceptions and requests (echoes) come
 * through as bus tokens; a frame followed by anything else comes through alone.
 */
export const jkPbTriggerReplyParser: FrameParser<JkPbTriggerReply> = {
  parse(buffer: Uint8Array): ParseResult<JkPbTriggerReply> {
    const first = jkPbBusParser.parse(buffer);
    if (first.kind !== "frame" || first.frame.kind !== "frame") return first;
    let at = EB90_FRAME_LENGTH;
    while (at < buffer.length && at < EB90_FRAME_LENGTH + MAX_GAP && buffer[at] === 0) at++;
    if (at >= buffer.length) return INCOMPLETE;
    const next = jkPbBusParser.parse(buffer.subarray(at));
    if (next.kind === "incomplete") return INCOMPLETE;
    if (next.kind === "frame" && next.frame.kind === "ack") {
      return { kind: "frame", frame: { kind: "frame-ack", frame: first.frame.frame, address: next.frame.address, register: next.frame.register }, length: at + next.length };
    }
    return first;
  },
};
