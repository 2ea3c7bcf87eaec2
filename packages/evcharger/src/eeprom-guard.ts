import { BattError, type Clock } from "@batt/core";

/**
 * Rate limit for changes of EEPROM-backed registers: at most one change per register per
 * interval (docs/protocols/evcharger.md#eeprom-wear-protection). A change that comes too soon is refused before anything is sent.
 */
export class EepromGuard {
  private readonly lastChange = new Map<string, number>();

  constructor(
    /** Least time between two changes of one register, ms (0: no limit). */
    readonly minIntervalMs: number,
    private readonly clock: Clock,
  ) {}

  /**
   * Throws when `name` was changed less than the interval ago.
   *
   * @throws BattError `invalid-argument` with `context.retryAfterMs`.
   */
  check(name: string): void {
    const last = this.lastChange.get(name);
    if (last === undefined || this.minIntervalMs <= 0) return;
    const left = last + this.minIntervalMs - this.clock.now();
    if (left > 0) {
      throw new BattError("invalid-argument", `${name} is stored in EEPROM and was changed ${Math.round(this.minIntervalMs - left)} ms ago; wait ${Math.ceil(left)} ms (limit: one change per ${this.minIntervalMs} ms)`, {
        context: { register: name, retryAfterMs: Math.ceil(left) },
      });
    }
  }

  /** Records a change of `name` now. */
  record(name: string): void {
    this.lastChange.set(name, this.clock.now());
  }
}
