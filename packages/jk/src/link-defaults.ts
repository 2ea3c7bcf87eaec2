import type { DriverLinkDefaults } from "@batt/core";

/**
 * Link defaults of both JK drivers (4E57 and JK-PB): a 1 s reply deadline (4E57 replies finish
 * ~26 ms after the request, the vendor allows up to 5 s), at least 100 ms between requests ("≥ 100 ms",
 * docs/protocols/jk.md#timing; faster bursts caused cross-talk on JK-PB buses, docs/protocols/jk.md#jk-pb-bus-behaviour),
 * and one retry after a timeout or a garbled reply (bit errors are common on long cables).
 */
export const JK_LINK_DEFAULTS: DriverLinkDefaults = { timeoutMs: 1000, minGapMs: 100, retry: { retries: 1 } };
