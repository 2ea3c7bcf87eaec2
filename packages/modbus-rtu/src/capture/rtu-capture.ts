import { BattError } from "@batt/core";
import { EXCEPTION_FLAG } from "../function-code.js";
import type { ModbusRequest, ModbusResponse } from "../pdu.js";
import { replyPduLength, requestPduLength } from "../pdu-length.js";
import { decodeRequest } from "../request-codec.js";
import { FUNCTION_REQUEST } from "../request-kinds.js";
import { decodeResponse } from "../response-codec.js";
import { hasValidCrc, RTU_OVERHEAD } from "../rtu-frame.js";
import { requestFromReply } from "./request-from-reply.js";

/** One frame found in a capture: a request, or a reply (with the request it answers, when the capture holds it). */
export type CapturedFrame =
  | {
      /** Discriminant. */
      readonly role: "request";
      /** Address byte. */
      readonly unit: number;
      /** The decoded request. */
      readonly request: ModbusRequest;
      /** The frame bytes, CRC included. */
      readonly raw: Uint8Array;
    }
  | {
      /** Discriminant. */
      readonly role: "reply";
      /** Address byte. */
      readonly unit: number;
      /** The decoded reply (an exception reply too). */
      readonly response: ModbusResponse;
      /** The request it answers, when it stands just before it in the capture. */
      readonly answers: ModbusRequest | undefined;
      /** The frame bytes, CRC included. */
      readonly raw: Uint8Array;
    };

/**
 * Splits captured RTU bytes (one frame, or a request followed by its reply, …) into checked,
 * decoded frames. A frame is a request or a reply by its layout and CRC; where both fit (a write
 * and its echo), a frame right after a request of the same unit and function is its reply.
 * A reply without its request is decoded from its own layout (register addresses unknown).
 *
 * @throws BattError `checksum` when a frame's CRC does not match, `frame` for bytes that are no
 *   complete RTU frame.
 * @example parseRtuCapture(fromHex("01 04 30 A0 00 01 3E E8 01 04 02 05 46 3B 92"))
 *   // [{ role: "request", unit: 1, request: { kind: "read-input-registers", address: 0x30a0, count: 1 }, … },
 *   //  { role: "reply", unit: 1, response: { kind: "read-input-registers", values: [1350] }, answers: …, … }]
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
    const answers = pending !== undefined && pending.unit === unit && FUNCTION_REQUEST[fc & ~EXCEPTION_FLAG] === pending.request.kind ? pending.request : undefined;
    if (replyOk && (answers !== undefined || !requestOk)) {
      const raw = view.slice(0, replyLength);
      const pdu = raw.subarray(1, raw.length - 2);
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
