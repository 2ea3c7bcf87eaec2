import { crc16Modbus, sum16, sum32, type Prng } from "@batt/core";
import type { FrameShape } from "./target.js";

// The checksums are written here from the protocol documents, apart from the decoders, so the oracle
// does not share a bug with the code it checks.

const JBD_OVERHEAD = 7;

/** JBD `DD … 77`: length at offset 3, sum `(0x10000 − Σ) & 0xFFFF` over offsets 2 … 3 + len, big-endian, then `77`. */
export const JBD_SHAPE: FrameShape = {
  name: "jbd",
  lengthField: { offset: 3, size: 1 },
  tokens: [Uint8Array.of(0xdd), Uint8Array.of(0xdd, 0x03, 0x00), Uint8Array.of(0xdd, 0xa5), Uint8Array.of(0xdd, 0x5a), Uint8Array.of(0x77), Uint8Array.of(0xdd, 0x04, 0x00, 0xff)],
  fix(bytes, rng) {
    if (bytes.length < JBD_OVERHEAD || bytes[0] !== 0xdd) return undefined;
    const out = bytes.slice();
    if (rng.next() < 0.5 && out.length - JBD_OVERHEAD <= 0xff) {
      out[3] = out.length - JBD_OVERHEAD;
      out[out.length - 1] = 0x77;
    }
    const len = out[3]!;
    if (4 + len + 3 > out.length) return out;
    const sum = (0x10000 - sum16(out, 2, 4 + len)) & 0xffff;
    out[4 + len] = sum >> 8;
    out[5 + len] = sum & 0xff;
    return out;
  },
  verify(frame) {
    if (frame.length < JBD_OVERHEAD || frame[0] !== 0xdd || frame[frame.length - 1] !== 0x77) return false;
    const len = frame[3]!;
    if (frame.length !== len + JBD_OVERHEAD) return false;
    const sum = (0x10000 - sum16(frame, 2, 4 + len)) & 0xffff;
    return ((frame[4 + len]! << 8) | frame[5 + len]!) === sum;
  },
};

/** JK 4E57: LENGTH (u16 at 2) = total − 2; `68` at LENGTH − 3; then a 4-byte field whose low half is Σ bytes [0, LENGTH − 2). */
export const JK_SHAPE: FrameShape = {
  name: "jk 4E57",
  lengthField: { offset: 2, size: 2 },
  tokens: [Uint8Array.of(0x4e, 0x57), Uint8Array.of(0x4e, 0x57, 0x00, 0x13), Uint8Array.of(0x4e, 0x57, 0xff, 0xff), Uint8Array.of(0x68, 0x00, 0x00), Uint8Array.of(0x79), Uint8Array.of(0xc0, 0x01)],
  fix(bytes, rng) {
    if (bytes.length < 4 || bytes[0] !== 0x4e || bytes[1] !== 0x57) return undefined;
    const out = bytes.slice();
    if (rng.next() < 0.5 && out.length - 2 <= 0xffff) {
      const length = out.length - 2;
      out[2] = length >> 8;
      out[3] = length & 0xff;
      if (length >= 3) out[length - 3] = 0x68;
    }
    const length = (out[2]! << 8) | out[3]!;
    if (length < 5 || length + 2 > out.length) return out;
    const sum = sum32(out, 0, length - 2);
    out.set([0, 0, (sum >> 8) & 0xff, sum & 0xff], length - 2);
    return out;
  },
  verify(frame) {
    if (frame.length < 21 || frame[0] !== 0x4e || frame[1] !== 0x57) return false;
    const length = (frame[2]! << 8) | frame[3]!;
    if (frame.length !== length + 2 || frame[length - 3] !== 0x68) return false;
    return ((frame[length]! << 8) | frame[length + 1]!) === (sum32(frame, 0, length - 2) & 0xffff);
  },
};

/** Modbus RTU: CRC-16/MODBUS over everything before it, low byte first. Length lives in the PDU (byte count at 2 in replies). */
export const RTU_SHAPE: FrameShape = {
  name: "modbus rtu",
  lengthField: { offset: 2, size: 1 },
  tokens: [Uint8Array.of(0x01, 0x03), Uint8Array.of(0x01, 0x04), Uint8Array.of(0x01, 0x10), Uint8Array.of(0x01, 0x83), Uint8Array.of(0x46, 0x04), Uint8Array.of(0x01, 0x17), Uint8Array.of(0x01, 0x0f)],
  fix(bytes) {
    if (bytes.length < 4) return undefined;
    const out = bytes.slice();
    const crc = crc16Modbus(out, 0, out.length - 2);
    out[out.length - 2] = crc & 0xff;
    out[out.length - 1] = crc >> 8;
    return out;
  },
  verify(frame) {
    if (frame.length < 4) return false;
    const crc = crc16Modbus(frame, 0, frame.length - 2);
    return frame[frame.length - 2] === (crc & 0xff) && frame[frame.length - 1] === crc >> 8;
  },
};

/** A capture of RTU frames: the CRC is recomputed over the whole input or over a random prefix (one frame of several). */
export const RTU_CAPTURE_SHAPE: FrameShape = {
  ...RTU_SHAPE,
  name: "modbus rtu capture",
  fix(bytes, rng: Prng) {
    if (bytes.length < 4) return undefined;
    const end = rng.next() < 0.6 ? bytes.length : rng.int(4, bytes.length);
    const out = bytes.slice();
    const crc = crc16Modbus(out, 0, end - 2);
    out[end - 2] = crc & 0xff;
    out[end - 1] = crc >> 8;
    return out;
  },
};

/** Modbus TCP (MBAP): protocol id 0 at 2, length (unit + PDU) at 4; no checksum. */
export const MBAP_SHAPE: FrameShape = {
  name: "modbus tcp",
  lengthField: { offset: 4, size: 2 },
  tokens: [Uint8Array.of(0x00, 0x00, 0x00, 0x00), Uint8Array.of(0x00, 0x00, 0x00, 0x06), Uint8Array.of(0x00, 0x00, 0x00, 0xff)],
  fix(bytes, rng) {
    if (bytes.length < 7) return undefined;
    const out = bytes.slice();
    if (rng.next() < 0.7) out.set([0, 0], 2);
    const length = Math.min(0xffff, out.length - 6);
    out[4] = length >> 8;
    out[5] = length & 0xff;
    return out;
  },
  verify: (frame) => frame.length >= 8 && frame[2] === 0 && frame[3] === 0 && ((frame[4]! << 8) | frame[5]!) === frame.length - 6,
};

/** iCharger MODBUS-HID report: length byte first (whole report, ≤ 64), type second; no checksum. */
export const HID_SHAPE: FrameShape = {
  name: "icharger hid",
  lengthField: { offset: 0, size: 1 },
  tokens: [Uint8Array.of(0x30), Uint8Array.of(0x10), Uint8Array.of(0x07, 0x30, 0x04), Uint8Array.of(0x2c, 0x10), Uint8Array.of(0x04, 0x30, 0x83)],
  fix(bytes) {
    if (bytes.length < 2) return undefined;
    const out = bytes.slice();
    out[0] = Math.min(out.length, 64);
    return out;
  },
  verify: (frame) => frame.length >= 2 && frame[0]! <= 64 && frame[0]! <= frame.length,
};

const EB90_LENGTH = 300;

/** JK `55 AA EB 90` frames (JK02/JK04 BLE and JK-PB RS-485): 300 bytes, byte 299 = Σ bytes 0–298 modulo 256. */
export const EB90_SHAPE: FrameShape = {
  name: "jk 55aa-eb90",
  tokens: [Uint8Array.of(0x55, 0xaa, 0xeb, 0x90), Uint8Array.of(0x55, 0xaa, 0xeb, 0x90, 0x02), Uint8Array.of(0x55, 0xaa, 0xeb, 0x90, 0x03), Uint8Array.of(0x55)],
  fix(bytes) {
    if (bytes.length < EB90_LENGTH) return undefined;
    const out = bytes.slice();
    out[EB90_LENGTH - 1] = sum16(out, 0, EB90_LENGTH - 1) & 0xff;
    return out;
  },
  verify: (frame) => frame.length >= EB90_LENGTH && frame[0] === 0x55 && frame[1] === 0xaa && frame[2] === 0xeb && frame[3] === 0x90 && (sum16(frame, 0, EB90_LENGTH - 1) & 0xff) === frame[EB90_LENGTH - 1],
};
