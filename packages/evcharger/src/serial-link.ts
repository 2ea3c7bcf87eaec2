import type { LinkDefaults } from "@batt/core";

/** Serial settings: 9600 baud, 8 data bits, no parity, 1 stop bit (docs/protocols/evcharger.md#physical-layer-and-timing). */
export const EVCHARGER_LINK: LinkDefaults = { kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 };
