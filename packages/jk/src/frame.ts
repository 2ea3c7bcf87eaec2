import type { JkTransmissionName } from "./constants.js";

/** Fields every 4E57 frame has, whatever its direction. */
interface JkFrameFields {
  /** Command word (a {@link JkCommand} value, or another byte a newer firmware uses). */
  readonly command: number;
  /** Frame source (a {@link JkSource} value). */
  readonly source: number;
  /** BMS terminal number (4 bytes; `0` in practice). */
  readonly terminal: number;
  /** Record number (4 bytes; `0` in practice). */
  readonly record: number;
  /** The information field: identifier(s) and values, between the header and the record number. */
  readonly info: Uint8Array;
}

/** A frame sent to the BMS (transmission type `00`). */
export interface JkRequestFrame extends JkFrameFields {
  /** Discriminant. */
  readonly transmission: "request";
}

/** A frame from the BMS: an answer (`01`) or an active upload (`02`). */
export interface JkReplyFrame extends JkFrameFields {
  /** Discriminant. */
  readonly transmission: Exclude<JkTransmissionName, "request">;
}

/** Any verified 4E57 frame. */
export type JkFrame = JkRequestFrame | JkReplyFrame;
