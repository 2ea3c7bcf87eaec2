/**
 * A Modbus request PDU (function code and data, without unit id or checksum), one variant per function.
 * Addresses are 0-based protocol addresses (register 40001 in vendor notation is address 0).
 */
export type ModbusRequest =
  /** 0x01 */
  | { readonly kind: "read-coils"; readonly address: number; readonly count: number }
  /** 0x02 */
  | { readonly kind: "read-discrete-inputs"; readonly address: number; readonly count: number }
  /** 0x03 */
  | { readonly kind: "read-holding-registers"; readonly address: number; readonly count: number }
  /** 0x04 */
  | { readonly kind: "read-input-registers"; readonly address: number; readonly count: number }
  /** 0x05 */
  | { readonly kind: "write-single-coil"; readonly address: number; readonly value: boolean }
  /** 0x06 */
  | { readonly kind: "write-single-register"; readonly address: number; readonly value: number }
  /** 0x0F */
  | { readonly kind: "write-multiple-coils"; readonly address: number; readonly values: readonly boolean[] }
  /** 0x10 */
  | { readonly kind: "write-multiple-registers"; readonly address: number; readonly values: readonly number[] }
  /** 0x17 (the write is carried out before the read) */
  | {
      readonly kind: "read-write-multiple-registers";
      readonly readAddress: number;
      readonly readCount: number;
      readonly writeAddress: number;
      readonly values: readonly number[];
    };

/** The `kind` of a {@link ModbusRequest}. */
export type ModbusRequestKind = ModbusRequest["kind"];

/**
 * A Modbus response PDU, one variant per function, plus `exception`.
 * Read replies carry exactly the values that were asked for (bit padding removed).
 */
export type ModbusResponse =
  | { readonly kind: "read-coils" | "read-discrete-inputs"; readonly values: readonly boolean[] }
  | {
      readonly kind: "read-holding-registers" | "read-input-registers" | "read-write-multiple-registers";
      readonly values: readonly number[];
    }
  | { readonly kind: "write-single-coil"; readonly address: number; readonly value: boolean }
  | { readonly kind: "write-single-register"; readonly address: number; readonly value: number }
  | { readonly kind: "write-multiple-coils" | "write-multiple-registers"; readonly address: number; readonly count: number }
  | { readonly kind: "exception"; readonly functionCode: number; readonly exceptionCode: number };

/** The response variant that answers a request of kind `K` (never the exception variant). */
export type ResponseFor<K extends ModbusRequestKind> = VariantFor<ModbusResponse, K>;

/** The members of the union `R` whose `kind` includes `K` (distributes over the union). */
export type VariantFor<R, K> = R extends { readonly kind: infer RK } ? (K extends RK ? R : never) : never;
