import { toHex } from "@batt/core";
import { formatFunctionCode, modbusExceptionName, REQUEST_FUNCTION, type RegisterFields } from "@batt/modbus-rtu";
import { parseRtuCapture, type CapturedFrame } from "./rtu-capture.js";

/** A register map as the describer uses it: its fields and partial decoding. */
export interface NamingMap {
  /** The field table. */
  readonly fields: RegisterFields;
  /** Decodes the fields that lie wholly inside a block. */
  decodePartial(address: number, registers: readonly number[]): Partial<Record<string, unknown>>;
}

/** The names a device gives its registers and coils, for {@link describeCapture}. */
export interface CaptureNaming {
  /** Input registers (FC 0x04). */
  readonly input?: NamingMap;
  /** Holding registers (FC 0x03, 0x06, 0x10). */
  readonly holding?: NamingMap;
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

/**
 * Decodes captured RTU bytes (see {@link parseRtuCapture}) and names the registers with a device's maps.
 *
 * @throws BattError `checksum` or `frame` for bytes that are no valid frames.
 */
export function describeCapture(bytes: Uint8Array, naming: CaptureNaming): FrameDescription[] {
  return parseRtuCapture(bytes).map((frame) => describeFrame(frame, naming));
}

function describeFrame(frame: CapturedFrame, naming: CaptureNaming): FrameDescription {
  const base = { role: frame.role, unit: frame.unit, hex: toHex(frame.raw) };
  if (frame.role === "request") {
    const r = frame.request;
    const fn = `${formatFunctionCode(REQUEST_FUNCTION[r.kind])} ${r.kind}`;
    switch (r.kind) {
      case "read-input-registers":
      case "read-holding-registers":
        return { ...base, function: fn, address: r.address, count: r.count, registers: namesIn(r.kind === "read-input-registers" ? naming.input : naming.holding, r.address, r.count) };
      case "read-coils":
      case "read-discrete-inputs":
        return { ...base, function: fn, address: r.address, count: r.count };
      case "write-single-coil":
        return { ...base, function: fn, address: r.address, values: [r.value], fields: coilFields(naming, r.address, [r.value]) };
      case "write-multiple-coils":
        return { ...base, function: fn, address: r.address, count: r.values.length, values: r.values, fields: coilFields(naming, r.address, r.values) };
      case "write-single-register":
        return { ...base, function: fn, address: r.address, values: [r.value], fields: naming.holding?.decodePartial(r.address, [r.value]) ?? {} };
      case "write-multiple-registers":
        return { ...base, function: fn, address: r.address, count: r.values.length, values: r.values, fields: naming.holding?.decodePartial(r.address, r.values) ?? {} };
      case "read-write-multiple-registers":
        return { ...base, function: fn, address: r.readAddress, count: r.readCount, values: r.values };
    }
  }
  const { response, answers } = frame;
  if (response.kind === "exception") {
    return {
      ...base,
      function: `${formatFunctionCode(response.functionCode | 0x80)} exception`,
      exception: { code: response.exceptionCode, name: modbusExceptionName(response.exceptionCode) },
    };
  }
  const fn = `${formatFunctionCode(REQUEST_FUNCTION[response.kind])} ${response.kind}`;
  switch (response.kind) {
    case "read-input-registers":
    case "read-holding-registers": {
      const map = response.kind === "read-input-registers" ? naming.input : naming.holding;
      if (!answers || answers.kind !== response.kind) return { ...base, function: fn, count: response.values.length, values: response.values };
      return { ...base, function: fn, address: answers.address, count: response.values.length, values: response.values, fields: map?.decodePartial(answers.address, response.values) ?? {} };
    }
    case "read-coils":
    case "read-discrete-inputs": {
      if (!answers || answers.kind !== response.kind) return { ...base, function: fn, values: response.values };
      return { ...base, function: fn, address: answers.address, count: answers.count, values: response.values, ...(response.kind === "read-coils" ? { fields: coilFields(naming, answers.address, response.values) } : {}) };
    }
    case "read-write-multiple-registers":
      return { ...base, function: fn, count: response.values.length, values: response.values };
    case "write-single-coil":
      return { ...base, function: fn, address: response.address, values: [response.value], fields: coilFields(naming, response.address, [response.value]) };
    case "write-single-register":
      return { ...base, function: fn, address: response.address, values: [response.value], fields: naming.holding?.decodePartial(response.address, [response.value]) ?? {} };
    case "write-multiple-coils":
    case "write-multiple-registers":
      return { ...base, function: fn, address: response.address, count: response.count };
  }
}

function namesIn(map: NamingMap | undefined, address: number, count: number): string[] {
  if (!map) return [];
  return Object.keys(map.decodePartial(address, new Array<number>(count).fill(0)));
}

function coilFields(naming: CaptureNaming, address: number, values: readonly boolean[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  values.forEach((value, i) => {
    const name = naming.coils?.[address + i];
    if (name !== undefined) out[name] = value;
  });
  return out;
}
