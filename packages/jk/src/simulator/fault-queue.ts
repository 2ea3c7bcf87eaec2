import { FaultQueue as PendingFaults, type ReplyPiece } from "@batt/core/simulator";
import { shapeReply, type JkSimulatorFault } from "./faults.js";

/** Pending faults, each for a number of replies; applied in `FAULT_ORDER`. */
export class FaultQueue extends PendingFaults<JkSimulatorFault> {
  /** The pieces to send for `frame`, after the faults due for this reply (each is used up once). */
  shape(frame: Uint8Array): ReplyPiece[] {
    return shapeReply(frame, this.take());
  }
}
