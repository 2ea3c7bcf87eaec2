import type { DriverLinkDefaults } from "@batt/core";

/**
 * How the iCharger driver uses its link unless told otherwise: a 1 s reply deadline
 * (docs/protocols/icharger.md#timing), no gap beyond what the framing needs, and one more attempt
 * of a read after a timeout or a garbled reply. Writes are never repeated: a repeated control write
 * could run an order twice.
 */
export const ICHARGER_LINK_DEFAULTS: DriverLinkDefaults = {
  timeoutMs: 1000,
  minGapMs: 0,
  retry: { retries: 1 },
};
