import type { Fault } from "@batt/core/testing";
import type { JkSimulatorFault } from "../faults.js";

/** The link fault that makes a reply misbehave as `fault` describes (for faults injected on the device's side of the link). */
export function linkFault(fault: JkSimulatorFault): Fault {
  switch (fault.kind) {
    case "silence":
      return { kind: "drop" };
    case "bad-checksum":
      return { kind: "corrupt", index: -1, mask: 0xff };
    case "partial":
      return { kind: "truncate", length: fault.length };
    case "split":
      return { kind: "split", size: fault.size, ...(fault.gapMs !== undefined ? { gapMs: fault.gapMs } : {}) };
    case "garbage":
      return { kind: "prefix", bytes: fault.bytes };
    case "delay":
      return { kind: "delay", ms: fault.ms };
  }
}
