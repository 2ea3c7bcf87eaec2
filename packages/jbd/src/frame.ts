/** A request frame: `DD A5|5A reg len data ck ck 77`. */
export interface JbdRequest {
  /** `read` (0xA5) or `write` (0x5A). */
  readonly kind: "read" | "write";
  /** Register or command byte. */
  readonly register: number;
  /** Payload (empty for plain reads). */
  readonly data: Uint8Array;
}

/** A response frame: `DD reg status len data ck ck 77`. */
export interface JbdResponse {
  /** Always `response`. */
  readonly kind: "response";
  /** The register the reply is for. */
  readonly register: number;
  /** Status byte: 0 is OK, 0x80–0x83 are errors (see `JbdStatus`). */
  readonly status: number;
  /** Payload (empty in error replies). */
  readonly data: Uint8Array;
}

/** Any verified JBD frame. */
export type JbdFrame = JbdRequest | JbdResponse;
