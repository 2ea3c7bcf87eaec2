import { BattError } from "@batt/core";
import type { JbdClient } from "./client.js";
import { JbdStatus } from "./constants.js";
import type { RegisterValue } from "./settings/convert.js";
import { isStringRegister } from "./settings/table.js";
import { hasJbdStatus } from "./status.js";
import { decodeStringRegister } from "./text.js";

/** Register contents read in one factory-mode session. */
export interface RegisterRead {
  /** Contents by address. */
  readonly registers: Map<number, RegisterValue>;
  /** Addresses the firmware does not have (answered 0x80). */
  readonly unsupported: Set<number>;
}

/** Reads one EEPROM register (factory mode must be active): a word, or text for 0xA0–0xA2. */
export async function readRegister(client: JbdClient, address: number, signal?: AbortSignal): Promise<RegisterValue> {
  const data = await client.read(address, signal);
  if (isStringRegister(address)) return decodeStringRegister(data);
  if (data.length !== 2) {
    throw new BattError("frame", `register 0x${address.toString(16)} answered ${data.length} bytes, expected 2`, { context: { raw: data } });
  }
  return (data[0]! << 8) | data[1]!;
}

/** Reads `addresses` in order (factory mode must be active); a 0x80 answer marks an address unsupported. */
export async function readRegisters(client: JbdClient, addresses: readonly number[], signal?: AbortSignal): Promise<RegisterRead> {
  const registers = new Map<number, RegisterValue>();
  const unsupported = new Set<number>();
  for (const address of addresses) {
    try {
      registers.set(address, await readRegister(client, address, signal));
    } catch (error) {
      if (!hasJbdStatus(error, JbdStatus.UnknownRegister)) throw error;
      unsupported.add(address);
    }
  }
  return { registers, unsupported };
}
