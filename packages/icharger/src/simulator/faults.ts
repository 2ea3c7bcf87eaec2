/**
 * The simulated charger's own misbehaviour, beside the shared `ReplyFault` kinds of
 * `@batt/core/simulator` (`silence`, `corrupt-checksum`, `garbage-before`, `split`, `truncate`,
 * `delay`).
 */
export interface IChargerFault {
  /** `interleave-log`: a LogView report goes out just before the reply (USB only), as when logging is on. */
  readonly kind: "interleave-log";
}
