import type { JkFlags, JkStatusName, JkWarningName } from "./flag-tables.js";

/**
 * How an identifier's value is encoded:
 * - `cells`: 0x79, a length byte then (index u8, mV u16) per cell;
 * - `temperature`: u16 °C with the negative-temperature encoding (see `JkTemperatureRule`);
 * - `current`: u16 in 10 mA, sign-magnitude or offset 10000 by protocol version (0xC0);
 * - `uint` / `int`: unsigned / two's-complement big-endian integer of `size` bytes, × `scale`;
 * - `bool`: one byte, 0 or 1 (switches);
 * - `enum`: one byte naming one of `values`;
 * - `ascii`: text of `size` bytes, cut at the first NUL;
 * - `warnings` / `status`: u16 bit fields (0x8B, 0x8C).
 */
export type JkValueKind = "cells" | "temperature" | "current" | "uint" | "int" | "bool" | "enum" | "ascii" | "warnings" | "status";

/** Who may read and write an identifier: `r` read-only, `rw` setting, `w` write-only command. */
export type JkAccess = "r" | "rw" | "w";

/** One row of the data-identifier table. */
export interface JkIdentifierSpec {
  /** Data identifier byte. */
  readonly id: number;
  /** Name in decoded objects and on the command line. */
  readonly key: string;
  /** What it is, for people. */
  readonly label: string;
  /** Encoding. */
  readonly kind: JkValueKind;
  /** Value size in bytes (0 for `cells`, whose value carries its own length). */
  readonly size: number;
  /** Access. */
  readonly access: JkAccess;
  /** SI value = raw × scale (default 1). */
  readonly scale?: number;
  /** SI unit of the decoded value, for display. */
  readonly unit?: string;
  /** Least value a write may set (SI units). */
  readonly min?: number;
  /** Greatest value a write may set (SI units). */
  readonly max?: number;
  /** Names of an `enum`'s raw values 0, 1, 2… */
  readonly values?: readonly string[];
  /** Whether writes of it are known to work on real devices (only the MOSFET switches are). */
  readonly verified?: boolean;
}

/** A decoded enumeration (battery type 0xAF): the raw code and its name, absent for a code the table does not name. */
export interface JkEnumValue {
  /** The raw code (battery type `1`). */
  readonly value: number;
  /** Its name (`ternary`). */
  readonly name?: string;
}

/** One cell of identifier 0x79. */
export interface JkCell {
  /** Cell number as the BMS sends it (1-based). */
  readonly index: number;
  /** Voltage, V. */
  readonly voltage: number;
}

/** The decoded value type of each {@link JkValueKind}. */
export interface JkKindValues {
  /** Cell list. */
  cells: readonly JkCell[];
  /** °C. */
  temperature: number;
  /** A, charging positive. */
  current: number;
  /** Scaled number. */
  uint: number;
  /** Scaled number. */
  int: number;
  /** Switch. */
  bool: boolean;
  /** Raw code and name. */
  enum: JkEnumValue;
  /** Text. */
  ascii: string;
  /** Warning bits. */
  warnings: JkFlags<JkWarningName>;
  /** Status bits. */
  status: JkFlags<JkStatusName>;
}

/** What a write of each kind accepts. */
export interface JkKindInputs {
  /** Not writable. */
  cells: never;
  /** °C. */
  temperature: number;
  /** Not writable. */
  current: never;
  /** Scaled number. */
  uint: number;
  /** Scaled number. */
  int: number;
  /** Switch (1/0 are accepted too). */
  bool: boolean | number;
  /** Value name, raw code, or a decoded value. */
  enum: string | number | JkEnumValue;
  /** Text. */
  ascii: string;
  /** Not writable. */
  warnings: never;
  /** Not writable. */
  status: never;
}
