import { BattError } from "@batt/core";
import { jbdChecksum } from "./checksum.js";
import { JBD_END, JBD_OVERHEAD, JBD_READ, JBD_START, JBD_WRITE } from "./constants.js";
import type { JbdRequest } from "./frame.js";

function checkByte(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new BattError("invalid-argument", `${what} must be a byte (0..255): ${value}`);
  }
}

/** Builds `DD second third len data ck ck 77`; the checksum covers `third, len, data`. */
function buildFrame(second: number, third: number, data: Uint8Array): Uint8Array {
  if (data.length > 0xff) throw new BattError("invalid-argument", `payload of ${data.length} bytes exceeds 255`);
  const out = new Uint8Array(data.length + JBD_OVERHEAD);
  out[0] = JBD_START;
  out[1] = second;
  out[2] = third;
  out[3] = data.length;
  out.set(data, 4);
  const ck = jbdChecksum(out, 2, 4 + data.length);
  out[4 + data.length] = ck >> 8;
  out[5 + data.length] = ck & 0xff;
  out[6 + data.length] = JBD_END;
  return out;
}

/** A read request for `register`, e.g. `DD A5 03 00 FF FD 77` for 0x03. */
export function encodeReadRequest(register: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  checkByte(register, "register");
  return buildFrame(JBD_READ, register, data);
}

/** A write request, e.g. `DD 5A E1 02 00 01 FF 1C 77`. */
export function encodeWriteRequest(register: number, data: Uint8Array | readonly number[]): Uint8Array {
  checkByte(register, "register");
  return buildFrame(JBD_WRITE, register, Uint8Array.from(data));
}

/** Encodes a {@link JbdRequest}. */
export function encodeRequest(request: JbdRequest): Uint8Array {
  return request.kind === "read" ? encodeReadRequest(request.register, request.data) : encodeWriteRequest(request.register, request.data);
}

/** A response frame, e.g. `DD E1 00 00 00 00 77` (OK, empty) or `DD 10 81 00 FF 7F 77` (status 0x81). */
export function encodeResponse(register: number, status: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  checkByte(register, "register");
  checkByte(status, "status");
  return buildFrame(register, status, data);
}

/** A u16 big-endian payload, the data of most writes. */
export function u16Data(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new BattError("invalid-argument", `register value must be 0..65535: ${value}`);
  }
  return Uint8Array.of(value >> 8, value & 0xff);
}
