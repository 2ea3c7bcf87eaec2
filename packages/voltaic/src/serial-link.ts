import type { LinkDefaults } from "@batt/core";

/** Serial settings of the RS-485 port: 9600 baud, 8 data bits, no parity, 1 stop bit (docs/protocols/voltaic.md#physical-layer). */
export const VOLTAIC_LINK: LinkDefaults = { kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 };
