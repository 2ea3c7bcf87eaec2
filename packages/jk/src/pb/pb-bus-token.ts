import type { Eb90Frame } from "../eb90/eb90-frame.js";

/**
 * One unit of traffic on a JK-PB RS-485 bus: a `55 AA EB 90` frame (which carries no address), an
 * FC 0x10 write request (a trigger, or a settings write), its 8-byte acknowledgement, or a Modbus
 * exception reply.
 */
export type JkPbBusToken =
  | { readonly kind: "frame"; readonly frame: Eb90Frame }
  | { readonly kind: "request"; readonly address: number; readonly register: number; readonly values: readonly number[] }
  | { readonly kind: "ack"; readonly address: number; readonly register: number; readonly count: number }
  | { readonly kind: "exception"; readonly address: number; readonly functionCode: number; readonly code: number };
