import { BattError } from "@batt/core";
import {
  decodeRequest,
  decodeResponse,
  EXCEPTION_FLAG,
  FUNCTION_REQUEST,
  hasValidCrc,
  readWords,
  replyPduLength,
  requestPduLength,
  RTU_OVERHEAD,
  type ModbusRequest,
  type ModbusResponse,
} from "@batt/modbus-rtu";

/** One frame found in a capture: a request, or a reply (with the request it answers, when the capture holds it). */
export type CapturedFrame =
  | { readonly role: "request"; readonly unit: number; readonly request: ModbusRequest; readonly raw: Uint8Array }
  | { readonly role: "reply"; readonly unit: number; readonly response: ModbusResponse; readonly answers: ModbusRequest | undefined; readonly raw: Uint8Array };

/**
 * Splits captured RTU bytes (one frame, or a request followed by its reply, …) into checked,
 * decoded frames. A frame is a request or a reply by its layout and CRC; where both fit (a write
 * and its echo), a frame right after a request of the same unit and function is its reply.
 * A reply without its request is decoded from its own layout (register addresses unknown).
 *
 * @throws BattError `checksum` when a frame's CRC does not match, `frame` for bytes that are no
 *   complete RTU frame.
 */
export function parseRtuCapture(bytes: Uint8Array): CapturedFrame[] {
  const frames: CapturedFrame[] = [];
  let pending: { unit: number; request: ModbusRequest } | undefined;
  for (let at = 0; at < bytes.length; ) {
    const view = bytes.subarray(at);
    const requestLength = lengthOf(requestPduLength(view.subarray(1)));
    const replyLength = lengthOf(replyPduLength(view.subarray(1)));
    const requestOk = fits(view, requestLength);
    const replyOk = fits(view, replyLength);
    const unit = view[0]!;
    const fc = view[1] ?? 0;
    const answersPending = pending !== undefined && pending.unit === unit && FUNCTION_REQUEST[fc & ~EXCEPTION_FLAG] === pending.request.kind;
    if (replyOk && (answersPending || !requestOk)) {
      const raw = view.slice(0, replyLength);
      const pdu = raw.subarray(1, raw.length - 2);
      const answers = answersPending ? pending!.request : undefined;
      frames.push({ role: "reply", unit, response: decodeResponse(pdu, answers ?? requestFromReply(pdu)), answers, raw });
      pending = undefined;
      at += raw.length;
    } else if (requestOk) {
      const raw = view.slice(0, requestLength);
      const request = decodeRequest(raw.subarray(1, raw.length - 2));
      frames.push({ role: "request", unit, request, raw });
      pending = { unit, request };
      at += raw.length;
    } else {
      const predicted = [requestLength, replyLength].filter((n) => n > 0 && n <= view.length);
      if (predicted.length > 0) {
        throw new BattError("checksum", `CRC mismatch in the ${predicted.join(" or ")}-byte frame at offset ${at}`, { context: { raw: view.slice(0, Math.max(...predicted)) } });
      }
      throw new BattError("frame", `${view.length} bytes at offset ${at} are no complete RTU frame`, { context: { raw: view.slice() } });
    }
  }
  if (frames.length === 0) throw new BattError("frame", "no RTU frame in the input");
  return frames;
}

function lengthOf(pduLength: number | "more" | "unknown"): number {
  return typeof pduLength === "number" ? pduLength + RTU_OVERHEAD : 0;
}

function fits(view: Uint8Array, length: number): boolean {
  return length > 0 && length <= view.length && hasValidCrc(view, length);
}

/** A request a reply could answer, built from the reply itself, so it can be decoded and checked alone. */
function requestFromReply(pdu: Uint8Array): ModbusRequest {
  const fc = pdu[0]! & ~EXCEPTION_FLAG;
  const kind = FUNCTION_REQUEST[fc];
  if (kind === undefined) throw new BattError("frame", `function 0x${fc.toString(16).padStart(2, "0")} is not a Modbus function this decoder knows`);
  const exception = (pdu[0]! & EXCEPTION_FLAG) !== 0;
  const byteCount = pdu[1] ?? 0;
  const [w1 = 0, w2 = 0] = exception || pdu.length < 5 ? [] : readWords(pdu, 1, 2);
  switch (kind) {
    case "read-coils":
    case "read-discrete-inputs":
      return { kind, address: 0, count: Math.max(1, byteCount * 8) };
    case "read-holding-registers":
    case "read-input-registers":
      return { kind, address: 0, count: Math.max(1, byteCount >> 1) };
    case "read-write-multiple-registers":
      return { kind, readAddress: 0, readCount: Math.max(1, byteCount >> 1), writeAddress: 0, values: [0] };
    case "write-single-coil":
      return { kind, address: w1, value: w2 === 0xff00 };
    case "write-single-register":
      return { kind, address: w1, value: w2 };
    case "write-multiple-coils":
      return { kind, address: w1, values: new Array<boolean>(w2).fill(false) };
    case "write-multiple-registers":
      return { kind, address: w1, values: new Array<number>(w2).fill(0) };
  }
}
