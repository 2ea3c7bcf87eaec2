import { EB90_FRAME_TYPE_NAMES, type Eb90FrameTypeCode } from "./eb90-constants.js";
import type { Eb90Frame } from "./eb90-frame.js";
import { layoutOf, type Eb90Generation } from "./eb90-generation.js";
import { decodeLayout, type Eb90Values } from "./eb90-layout.js";

/** One decoded `55 AA EB 90` frame: what it is, the layout it was read with, and its values in SI units. */
export interface Eb90Decoded {
  /** `settings`, `cell-info` or `device-info`. */
  readonly kind: "settings" | "cell-info" | "device-info";
  /** The frame type byte. */
  readonly type: number;
  /** The frame counter. */
  readonly counter: number;
  /** The generation whose layout read it. */
  readonly generation: Eb90Generation;
  /** The values, by field key (V, A, W, Ah, °C, %, s, Ω). */
  readonly values: Eb90Values;
}

/**
 * Decodes a verified frame with the layout of `generation` (device info frames read the same in every
 * generation).
 *
 * @throws BattError `unsupported` for a frame type no layout describes.
 */
export function decodeEb90(frame: Eb90Frame, generation: Eb90Generation): Eb90Decoded {
  const layout = layoutOf(generation, frame.type);
  return {
    kind: EB90_FRAME_TYPE_NAMES[frame.type as Eb90FrameTypeCode],
    type: frame.type,
    counter: frame.counter,
    generation,
    values: decodeLayout(layout, frame.bytes),
  };
}
