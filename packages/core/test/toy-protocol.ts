import { INCOMPLETE, invalid, sum8, type FrameParser, type ParseResult } from "../src/index.js";

/**
 * A small framed protocol for decoder tests: `AA len payload[len] sum8(payload)`.
 * A complete frame with a bad sum is rejected whole (`checksum`); any byte that is not `AA`
 * where a frame should start is rejected alone (`frame`).
 */
export const TOY_HEADER = 0xaa;

/** A decoded toy frame. */
export interface ToyFrame {
  readonly payload: number[];
}

export const toyParser: FrameParser<ToyFrame> = {
  parse(buffer): ParseResult<ToyFrame> {
    if (buffer[0] !== TOY_HEADER) return invalid(1, "frame", "no header");
    if (buffer.length < 2) return INCOMPLETE;
    const length = buffer[1]!;
    if (buffer.length < length + 3) return INCOMPLETE;
    if (sum8(buffer, 2, 2 + length) !== buffer[2 + length]) {
      return invalid(length + 3, "checksum", "bad sum");
    }
    return { kind: "frame", frame: { payload: [...buffer.subarray(2, 2 + length)] }, length: length + 3 };
  },
};

/** A valid toy frame around `payload`. */
export function toyFrame(payload: readonly number[]): Uint8Array {
  return Uint8Array.from([TOY_HEADER, payload.length, ...payload, sum8(Uint8Array.from(payload))]);
}

/** A toy frame whose sum is wrong by one. */
export function badToyFrame(payload: readonly number[]): Uint8Array {
  const frame = toyFrame(payload);
  frame[frame.length - 1] = (frame[frame.length - 1]! + 1) & 0xff;
  return frame;
}
