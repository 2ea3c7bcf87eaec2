import { waitFor, WrappedTransport, type Clock, type Transport } from "@batt/core";
import type { ReplyPiece } from "@batt/core/simulator";

/**
 * The device side of a link whose every write is a reply that a simulator shapes first (its
 * injected faults: pieces, pauses, nothing at all): what lets a Modbus server, which writes whole
 * frames, answer with the shared reply faults.
 */
export class ShapedLink extends WrappedTransport {
  constructor(
    inner: Transport,
    private readonly clock: Clock,
    /** The pieces to send for one reply. */
    private readonly shape: (reply: Uint8Array) => readonly ReplyPiece[],
  ) {
    super(inner);
  }

  /** Writes the pieces of the shaped reply in order, each after its pause on the clock. */
  protected override async toInner(data: Uint8Array): Promise<void> {
    for (const piece of this.shape(data)) {
      if (piece.delayMs > 0) await waitFor(this.clock, piece.delayMs);
      await this.inner.write(piece.bytes);
    }
  }
}
