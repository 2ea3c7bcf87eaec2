/** What {@link describeCapture} needs of a register map (a `RegisterMap` has it): decoding of the fields inside a block. */
export interface RegisterNaming {
  /** Decodes the fields that lie wholly inside the block and leaves out the rest. */
  decodePartial(address: number, registers: readonly number[]): Partial<Record<string, unknown>>;
}

/** The names a device gives its registers and coils, for {@link describeCapture}. */
export interface CaptureNaming {
  /** Input registers (FC 0x04): one map, or several that share the table (their fields are merged). */
  readonly input?: RegisterNaming | readonly RegisterNaming[];
  /** Holding registers (FC 0x03, 0x06, 0x10): one map, or several that share the table. */
  readonly holding?: RegisterNaming | readonly RegisterNaming[];
  /** Coil names by address (FC 0x01, 0x05, 0x0F). */
  readonly coils?: Readonly<Record<number, string>>;
}

/** One decoded frame of a capture, JSON-ready. */
export interface FrameDescription {
  /** Request or reply. */
  readonly role: "request" | "reply";
  /** Address byte. */
  readonly unit: number;
  /** Function code and name, e.g. `0x04 read-input-registers`. */
  readonly function: string;
  /** First register or coil (requests, write replies, and replies whose request is in the capture). */
  readonly address?: number;
  /** Registers or coils read or written. */
  readonly count?: number;
  /** Raw register values or coil states carried by the frame. */
  readonly values?: readonly (number | boolean)[];
  /** Names of the registers a read request asks for. */
  readonly registers?: readonly string[];
  /** Decoded values by register name, where the addresses are known. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Exception code and name of an exception reply. */
  readonly exception?: { readonly code: number; readonly name: string };
  /** The frame bytes. */
  readonly hex: string;
}
