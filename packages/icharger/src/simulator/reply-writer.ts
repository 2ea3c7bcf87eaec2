import { waitFor, type Clock, type Transport } from "@batt/core";
import type { ReplyPiece } from "@batt/core/simulator";

/** What a front needs of its simulator: the pieces a reply goes out in, once the due faults acted on it. */
export type ShapeReply = (frame: Uint8Array) => readonly ReplyPiece[];

/** Writes the pieces of a reply in order, each after its pause; a failed write ends the reply quietly (the host went away). */
export async function writePieces(transport: Transport, clock: Clock, pieces: readonly ReplyPiece[]): Promise<void> {
  try {
    for (const piece of pieces) {
      await waitFor(clock, piece.delayMs);
      await transport.write(piece.bytes);
    }
  } catch {
    // A real device keeps talking into the void.
  }
}
