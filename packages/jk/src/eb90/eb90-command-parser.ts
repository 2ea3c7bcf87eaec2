import { INCOMPLETE, invalid, type FrameParser, type ParseResult } from "@batt/core";
import { eb90Checksum } from "./eb90-checksum.js";
import type { Eb90CommandFields } from "./eb90-command.js";
import { EB90_COMMAND_HEADER, EB90_COMMAND_LENGTH } from "./eb90-constants.js";

const H0 = EB90_COMMAND_HEADER[0]!;

/** Parses `AA 55 90 EB` commands (the BMS side, simulators): 20 bytes, sum in the last; other bytes dropped up to the next `AA`. */
export const eb90CommandParser: FrameParser<Eb90CommandFields> = {
  parse(buffer: Uint8Array): ParseResult<Eb90CommandFields> {
    const skip = (): number => {
      const next = buffer.indexOf(H0, 1);
      return next < 0 ? buffer.length : next;
    };
    for (let i = 0; i < 4; i++) {
      if (buffer.length <= i) return INCOMPLETE;
      if (buffer[i] !== EB90_COMMAND_HEADER[i]) return invalid(skip(), "frame", "expected command header AA 55 90 EB");
    }
    if (buffer.length < EB90_COMMAND_LENGTH) return INCOMPLETE;
    if (eb90Checksum(buffer, 0, EB90_COMMAND_LENGTH - 1) !== buffer[EB90_COMMAND_LENGTH - 1]) return invalid(skip(), "checksum", "command checksum does not match", EB90_COMMAND_LENGTH);
    const value = new DataView(buffer.buffer, buffer.byteOffset, EB90_COMMAND_LENGTH).getUint32(6, true);
    return { kind: "frame", frame: { register: buffer[4]!, length: buffer[5]!, value }, length: EB90_COMMAND_LENGTH };
  },
};
