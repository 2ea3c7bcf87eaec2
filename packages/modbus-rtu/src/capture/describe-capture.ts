import { toHex } from "@batt/core";
import { modbusExceptionName } from "../exception.js";
import { formatFunctionCode } from "../function-code.js";
import { REQUEST_FUNCTION } from "../request-kinds.js";
import type { CaptureNaming, FrameDescription, RegisterNaming } from "./frame-description.js";
import { parseRtuCapture, type CapturedFrame } from "./rtu-capture.js";

/**
 * Decodes captured RTU bytes (see {@link parseRtuCapture}) and names the registers with a device's
 * maps: a read request lists the registers it asks for; a reply after its request, and every
 * write, gives the decoded values by name.
 *
 * @throws BattError `checksum` or `frame` for bytes that are no valid frames.
 * @example
 * ```ts
 * const [request, reply] = describeCapture(fromHex("01 04 30 A0 00 01 3E E8 01 04 02 05 46 3B 92"), { input: inputMap });
 * reply.fields; // { batteryVoltage: 13.5 }
 * ```
 */
export function describeCapture(bytes: Uint8Array, naming: CaptureNaming): FrameDescription[] {
  return parseRtuCapture(bytes).map((frame) => describeCapturedFrame(frame, naming));
}

/** Describes one frame of {@link parseRtuCapture}'s result with a device's names (see {@link describeCapture}). */
export function describeCapturedFrame(frame: CapturedFrame, naming: CaptureNaming): FrameDescription {
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
        return { ...base, function: fn, address: r.address, values: [r.value], fields: decodeNamed(naming.holding, r.address, [r.value]) };
      case "write-multiple-registers":
        return { ...base, function: fn, address: r.address, count: r.values.length, values: r.values, fields: decodeNamed(naming.holding, r.address, r.values) };
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
      if (!answers || answers.kind !== response.kind) return { ...base, function: fn, count: response.values.length, values: response.values };
      const maps = response.kind === "read-input-registers" ? naming.input : naming.holding;
      return { ...base, function: fn, address: answers.address, count: response.values.length, values: response.values, fields: decodeNamed(maps, answers.address, response.values) };
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
      return { ...base, function: fn, address: response.address, values: [response.value], fields: decodeNamed(naming.holding, response.address, [response.value]) };
    case "write-multiple-coils":
    case "write-multiple-registers":
      return { ...base, function: fn, address: response.address, count: response.count };
  }
}

function decodeNamed(maps: CaptureNaming["input"], address: number, registers: readonly number[]): Record<string, unknown> {
  const list: readonly RegisterNaming[] = maps === undefined ? [] : "decodePartial" in maps ? [maps] : maps;
  return Object.assign({}, ...list.map((map) => map.decodePartial(address, registers))) as Record<string, unknown>;
}

function namesIn(maps: CaptureNaming["input"], address: number, count: number): string[] {
  return Object.keys(decodeNamed(maps, address, new Array<number>(count).fill(0)));
}

function coilFields(naming: CaptureNaming, address: number, values: readonly boolean[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  values.forEach((value, i) => {
    const name = naming.coils?.[address + i];
    if (name !== undefined) out[name] = value;
  });
  return out;
}
