import { BattError } from "@batt/core";
import { decodeSetting, type RegisterValue } from "../settings/convert.js";
import { findSetting } from "../settings/table.js";
import type { SettingValue } from "../settings/types.js";

/**
 * The simulated EEPROM: a working copy that writes change at once, and the committed copy that
 * survives a power cycle. A saving factory exit commits; a power cycle reverts to the committed copy.
 */
export class EepromStore {
  private live: Map<number, RegisterValue>;
  private committed: Map<number, RegisterValue>;

  constructor(image: ReadonlyMap<number, RegisterValue>) {
    this.live = new Map(image);
    this.committed = new Map(image);
  }

  /** Whether the register exists. */
  has(address: number): boolean {
    return this.live.has(address);
  }

  /** Working value of a register. */
  get(address: number): RegisterValue | undefined {
    return this.live.get(address);
  }

  /** Changes the working value. */
  set(address: number, value: RegisterValue): void {
    this.live.set(address, value);
  }

  /** Makes the working copy permanent (exit with `28 28`). */
  commit(): void {
    this.committed = new Map(this.live);
  }

  /** Drops uncommitted changes (power cycle). */
  revert(): void {
    this.live = new Map(this.committed);
  }

  /** The working copy. */
  get working(): ReadonlyMap<number, RegisterValue> {
    return this.live;
  }

  /** The committed copy. */
  get saved(): ReadonlyMap<number, RegisterValue> {
    return this.committed;
  }

  /** A setting's working value, decoded with the driver's settings table. */
  setting(name: string): SettingValue {
    const def = findSetting(name);
    if (!def) throw new BattError("invalid-argument", `unknown setting ${name}`);
    const value = this.live.get(def.address);
    if (value === undefined) throw new BattError("not-found", `register 0x${def.address.toString(16)} is not in the simulated EEPROM`);
    return decodeSetting(def, value);
  }
}
