import { Eb90FrameType } from "./eb90-constants.js";
import type { Eb90Frame } from "./eb90-frame.js";
import type { Eb90Generation } from "./eb90-generation.js";

/** Whether `value` is a mask of the first n cells (n ≥ 1): 0b1, 0b11, … */
function isCellMask(value: number): boolean {
  return value > 0 && Number.isInteger(Math.log2(value + 1));
}

/**
 * The most likely layout of a lone frame, for captures decoded without their device info frame: a
 * cell info frame whose 32-cell mask (offset 70) or 24-cell mask (offset 54) names the first n cells,
 * or whose first cell reads as a plausible float (JK04). Settings and unknown shapes: `jk02-32s`,
 * what current firmware sends. A guess: callers say so and let the user override it.
 */
export function guessGeneration(frame: Eb90Frame): Eb90Generation {
  if (frame.type !== Eb90FrameType.CellInfo) return "jk02-32s";
  const view = new DataView(frame.bytes.buffer, frame.bytes.byteOffset, frame.bytes.length);
  if (isCellMask(view.getUint32(70, true))) return "jk02-32s";
  if (isCellMask(view.getUint32(54, true))) return "jk02-24s";
  const first = view.getFloat32(6, true);
  return first > 0.5 && first < 5 ? "jk04" : "jk02-32s";
}
