/** How PDUs travel: RTU (unit, PDU, CRC-16) on serial lines, or Modbus TCP (MBAP header, PDU). */
export type ModbusFraming = "rtu" | "tcp";

/** A Modbus RTU frame (ADU): unit id, PDU; its CRC has been checked (or is added on encoding). */
export interface RtuFrame {
  /** Discriminant. */
  readonly framing: "rtu";
  /** Unit (slave) id; 0 is broadcast. */
  readonly unit: number;
  /** Function code and data. */
  readonly pdu: Uint8Array;
}

/** A Modbus TCP frame (ADU): MBAP header fields and the PDU. */
export interface TcpFrame {
  /** Discriminant. */
  readonly framing: "tcp";
  /** Chosen by the client, echoed by the server; replies are matched by it. */
  readonly transactionId: number;
  /** Unit id (for gateways to serial lines; servers often ignore it). */
  readonly unit: number;
  /** Function code and data. */
  readonly pdu: Uint8Array;
}

/**
 * The unit a reply must come from: a unit id, or `any` for a device that answers a request to a
 * shared address (such as a wildcard 0xFE) from its own address.
 */
export type ReplyUnit = number | "any";

/** A Modbus frame of either framing. */
export type ModbusFrame = RtuFrame | TcpFrame;
