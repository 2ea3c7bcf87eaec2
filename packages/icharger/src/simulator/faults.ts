import { FaultQueue as PendingFaults } from "@batt/core/simulator";

/**
 * A misbehaviour of the simulated charger's next replies:
 * - `silence`: no reply;
 * - `truncate`: over USB the length byte is cut to `keep` bytes (default 2 less than needed), as a
 *   report cut short; over serial only the first `keep` bytes are sent (default: all but the CRC);
 * - `interleave-log`: a LogView report goes out just before the reply (USB only), as when logging is on.
 */
export type SimulatorFault = { readonly kind: "silence" } | { readonly kind: "truncate"; readonly keep?: number } | { readonly kind: "interleave-log" };

/** Pending faults with their remaining counts (each reply takes the ones due with `take()`). */
export class FaultQueue extends PendingFaults<SimulatorFault> {}
