import { BattError } from "@batt/core";
import type { JbdClient } from "./client.js";

/** Register of the V11 switch command `YY XX` (docs/protocols/jbd.md#mosfet-control-0xe1). */
export const JBD_FET_CONTROL_REGISTER = 0xfb;

/** Which switch a 0xFB command addresses, by its `YY` code. */
export const JBD_FET_SWITCHES = { discharge: 0x00, charge: 0x01, "pre-discharge": 0x03, both: 0x0a } as const;

/** A switch of {@link JBD_FET_SWITCHES}. */
export type JbdFetSwitch = keyof typeof JBD_FET_SWITCHES;

/** Payload of a 0xFB command: `YY XX`, XX `01` forces the switch off, `00` releases it (`01 01`: charge MOSFET off). */
export function fetControlData(which: JbdFetSwitch, off: boolean): Uint8Array {
  const code = JBD_FET_SWITCHES[which];
  if (code === undefined) throw new BattError("invalid-argument", `unknown switch "${String(which)}" (known: ${Object.keys(JBD_FET_SWITCHES).join(", ")})`);
  return Uint8Array.of(code, off ? 1 : 0);
}

/** Sends a 0xFB command (newer firmware; older answers 0x80, a `device-exception`). */
export async function sendFetControl(client: JbdClient, which: JbdFetSwitch, off: boolean, signal?: AbortSignal): Promise<void> {
  await client.write(JBD_FET_CONTROL_REGISTER, fetControlData(which, off), signal);
}
