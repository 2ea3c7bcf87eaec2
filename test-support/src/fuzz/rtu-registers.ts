import { BattError, crc16Modbus } from "@batt/core";

/**
 * The registers of a Modbus RTU read reply (`unit 03|04 n data… crc`), checked by its CRC and byte
 * count first, cycled up to `count` words so that every field of a block larger than the reply is
 * decoded from fuzzed words. Written here (not with the codec under test) so a register decoder is
 * fuzzed on its own.
 *
 * @throws BattError `checksum`, `frame` or `unexpected-reply` for bytes that are no such reply.
 */
export function rtuReplyRegisters(input: Uint8Array, count: number): number[] {
  if (input.length < 5) throw new BattError("frame", `${input.length} bytes are no read reply`);
  const crc = crc16Modbus(input, 0, input.length - 2);
  if (input[input.length - 2] !== (crc & 0xff) || input[input.length - 1] !== crc >> 8) throw new BattError("checksum", "CRC mismatch");
  const fc = input[1]!;
  const bytes = input[2]!;
  if (fc !== 0x03 && fc !== 0x04) throw new BattError("unexpected-reply", `function ${fc} is no register read`);
  if (bytes === 0 || bytes % 2 !== 0 || bytes + 5 !== input.length) throw new BattError("frame", `byte count ${bytes} does not fit ${input.length} bytes`);
  const words = bytes / 2;
  return Array.from({ length: count }, (_, i) => {
    const at = 3 + 2 * (i % words);
    return (input[at]! << 8) | input[at + 1]!;
  });
}
