import type { FaultRule } from "@batt/core/testing";

/** Ways a simulated device misbehaves on its next replies. */
export type ReplyFault =
  /** The reply is not sent (a device that does not answer). */
  | "silence"
  /** The reply's last byte (the CRC's high byte) is inverted. */
  | "bad-crc"
  /** Two bytes of line noise, `00 FF`, arrive just before the reply. */
  | "noise";

const NOISE = Uint8Array.of(0x00, 0xff);

/**
 * The `FaultyTransport` rule that applies `fault` to the next `times` replies (default 1;
 * `Infinity` for all) when the transport wraps the device end of a link.
 *
 * @example deviceEnd.inject(replyFaultRule("bad-crc", 2)); // { direction: "tx", fault: { kind: "corrupt", index: -1 }, times: 2 }
 */
export function replyFaultRule(fault: ReplyFault, times = 1): FaultRule {
  switch (fault) {
    case "silence":
      return { direction: "tx", fault: { kind: "drop" }, times };
    case "bad-crc":
      return { direction: "tx", fault: { kind: "corrupt", index: -1, mask: 0xff }, times };
    case "noise":
      return { direction: "tx", fault: { kind: "prefix", bytes: NOISE }, times };
  }
}
