/**
 * The simulated charger's own misbehaviour, beside the shared `ReplyFault` kinds of
 * `@batt/core/simulator` (`silence`, `corrupt-checksum`, `garbage-before`, `split`, `truncate`,
 * `delay`): `interleave-log` sends a LogView report just before the reply (USB only), as when
 * logging is on.
 */
export type IChargerFault = { readonly kind: "interleave-log" };
