/** Order of the two registers of a 32-bit value: `high-first` puts the high word at the lower address. */
export type WordOrder = "high-first" | "low-first";

/** Order of the two characters in a register of a string: `high-first` puts the first character in the high byte. */
export type ByteOrder = "high-first" | "low-first";

/** What every register-map field has. */
export interface FieldCommon {
  /** Address of the first register. */
  readonly address: number;
  /** What the value is, for people. */
  readonly description?: string;
  /** Physical unit of the scaled value (`V`, `A`, `kWh`), for display. */
  readonly unit?: string;
}

/** Limits and scaling of a numeric field. */
interface NumberCommon extends FieldCommon {
  /** Value = raw × scale (default 1); `0.01` for a register in hundredths. */
  readonly scale?: number;
  /** Least value a write may set, in scaled units. */
  readonly min?: number;
  /** Greatest value a write may set, in scaled units. */
  readonly max?: number;
}

/** One register, unsigned (`u16`) or two's complement (`s16`). */
export interface Int16Field extends NumberCommon {
  /** Discriminant. */
  readonly type: "u16" | "s16";
}

/** Two registers, unsigned (`u32`) or two's complement (`s32`), in the given word order. */
export interface Int32Field extends NumberCommon {
  /** Discriminant. */
  readonly type: "u32" | "s32";
  /** Which register holds the high word. Devices disagree, so every 32-bit field says. */
  readonly wordOrder: WordOrder;
}

/** One register whose values have names. */
export interface EnumField extends FieldCommon {
  /** Discriminant. */
  readonly type: "enum";
  /** Value to name. */
  readonly values: Readonly<Record<number, string>>;
}

/** A bit field of one register, or of two in a given word order; bit 0 is the least significant. */
export type FlagsField = FieldCommon & {
  /** Discriminant. */
  readonly type: "flags";
  /** Bit number to name; unnamed bits are still reported by number. */
  readonly bits: Readonly<Record<number, string>>;
} & ({ readonly words?: 1 } | { readonly words: 2; readonly wordOrder: WordOrder });

/** Text of `length` registers, two 8-bit characters per register, padded with NUL. */
export interface StringField extends FieldCommon {
  /** Discriminant. */
  readonly type: "string";
  /** Length in registers. */
  readonly length: number;
  /** Which byte holds the first character (default `high-first`). */
  readonly byteOrder?: ByteOrder;
}

/** A field of a register map. */
export type RegisterField = Int16Field | Int32Field | EnumField | FlagsField | StringField;

/** A register map's field table: name to field. */
export type RegisterFields = Readonly<Record<string, RegisterField>>;

/** A decoded enum: the raw value and its name (undefined for a value the table does not name). */
export interface EnumValue<N extends string = string> {
  /** The raw register value. */
  readonly value: number;
  /** Its name, if the table has one. */
  readonly name: N | undefined;
}

/** Decoded flags: the raw value, every set bit number, and the names of the set bits that have one. */
export interface FlagsValue<N extends string = string> {
  /** The raw value (16 or 32 bits). */
  readonly value: number;
  /** Set bits, ascending. */
  readonly bits: readonly number[];
  /** Names of the set bits that are named, in bit order. */
  readonly names: readonly N[];
}

/** The names of an enum or flag table `T` (its string values), or `string` when they are not literal. */
export type NamesOf<T> = T extends Readonly<Record<number, infer N>> ? (N extends string ? N : string) : string;

/** The decoded value of a field. */
export type FieldValue<F extends RegisterField> = F extends { readonly type: "enum"; readonly values: infer V }
  ? EnumValue<NamesOf<V>>
  : F extends { readonly type: "flags"; readonly bits: infer B }
    ? FlagsValue<NamesOf<B>>
    : F extends { readonly type: "string" }
      ? string
      : number;

/** What a write of a field accepts: a number; for enums a name or value; for flags a raw value or bit names; for strings text. */
export type FieldInput<F extends RegisterField> = F extends { readonly type: "enum"; readonly values: infer V }
  ? NamesOf<V> | number
  : F extends { readonly type: "flags"; readonly bits: infer B }
    ? number | readonly NamesOf<B>[]
    : F extends { readonly type: "string" }
      ? string
      : number;

/** Every field of a map, decoded. */
export type RegisterValues<T extends RegisterFields> = { -readonly [K in keyof T]: FieldValue<T[K]> };
