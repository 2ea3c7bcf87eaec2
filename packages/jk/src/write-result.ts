import type { JkWritableKey } from "./identifiers/identifier-table.js";
import type { JkValue } from "./value-codec.js";

/** What a write did. */
export interface JkWriteResult {
  /** Identifier name. */
  readonly key: JkWritableKey;
  /** Identifier byte. */
  readonly id: number;
  /** The value written, as the BMS will store it (rounded to the field's resolution). */
  readonly value: JkValue;
  /** The value before the write (absent for write-only identifiers and without a prior read). */
  readonly previous?: JkValue;
  /** The value read back after the write (absent for write-only identifiers). */
  readonly readBack?: JkValue;
  /** Whether a write was sent (`false`: the BMS already held the value). */
  readonly changed: boolean;
  /** Whether the read-back matched (`false` only for write-only identifiers, which cannot be read). */
  readonly verified: boolean;
  /**
   * Whether writes of this identifier are known to work on real devices. Only the MOSFET switches
   * (0xAB, 0xAC) are; firmware v11 ignores 0x9D, and others are untested (docs/protocols/jk.md#write-procedure).
   */
  readonly confirmedOnDevices: boolean;
}
