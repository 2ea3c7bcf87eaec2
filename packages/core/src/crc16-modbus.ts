/** Lookup table for the reflected polynomial 0xA001 (0x8005 reversed). */
const TABLE = /* @__PURE__ */ (() => {
  const t = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/**
 * CRC-16/MODBUS: polynomial 0x8005 reflected, initial value 0xFFFF, no final XOR.
 * On the wire the low byte goes first. Check value: `crc16Modbus(fromHex("01 03 00 00 00 01")) === 0x0a84`.
 *
 * @param bytes the data
 * @param start first index (default 0)
 * @param end index after the last byte (default `bytes.length`)
 * @param initial the register to start from (default 0xFFFF); pass an earlier result to extend a CRC byte by byte
 */
export function crc16Modbus(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0xffff): number {
  let crc = initial;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}
