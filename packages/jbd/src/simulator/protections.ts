import type { ErrorCounterName } from "../error-counters.js";
import type { SettingValue } from "../settings/types.js";

/** What the protection logic measures. */
export interface ProtectionInputs {
  /** Cell voltages, V. */
  readonly cellVoltages: readonly number[];
  /** Pack voltage, V. */
  readonly voltage: number;
  /** Current, A (+ = charge). */
  readonly current: number;
  /** Temperatures, °C. */
  readonly temperatures: readonly number[];
}

/** Reads a setting's current value from the simulated EEPROM. */
export type SettingReader = (name: string) => SettingValue;

interface Rule {
  readonly bit: number;
  readonly counter: ErrorCounterName;
  /** Trip delay setting (seconds), if any. */
  readonly delay?: string;
  readonly trips: (m: Measures, s: (name: string) => number) => boolean;
  /** Level-based release; when absent, the protection releases `releaseAfter` seconds after it tripped. */
  readonly releases?: (m: Measures, s: (name: string) => number) => boolean;
  readonly releaseAfter?: string;
}

interface Measures {
  readonly maxCell: number;
  readonly minCell: number;
  readonly pack: number;
  readonly current: number;
  readonly maxT: number;
  readonly minT: number;
}

/** Short-circuit threshold, A: shunt voltage threshold over the shunt resistance, doubled by `sc_dsgoc_x2`. */
function shortCircuitAmps(s: (name: string) => number): number {
  const shunt = s("shunt_res");
  if (!(shunt > 0)) return Number.POSITIVE_INFINITY;
  return (s("sc") * (s("sc_dsgoc_x2") ? 2 : 1)) / shunt;
}

/** Protection rules by status bit (docs/protocols/jbd.md#protection-status-bits); thresholds come from the EEPROM settings. */
const RULES: readonly Rule[] = [
  { bit: 0, counter: "cellOvervoltage", delay: "covp_delay", trips: (m, s) => m.maxCell >= s("covp"), releases: (m, s) => m.maxCell <= s("covp_rel") },
  { bit: 1, counter: "cellUndervoltage", delay: "cuvp_delay", trips: (m, s) => m.minCell <= s("cuvp"), releases: (m, s) => m.minCell >= s("cuvp_rel") },
  { bit: 2, counter: "packOvervoltage", delay: "povp_delay", trips: (m, s) => m.pack >= s("povp"), releases: (m, s) => m.pack <= s("povp_rel") },
  { bit: 3, counter: "packUndervoltage", delay: "puvp_delay", trips: (m, s) => m.pack <= s("puvp"), releases: (m, s) => m.pack >= s("puvp_rel") },
  { bit: 4, counter: "chargeOvertemperature", delay: "chgot_delay", trips: (m, s) => m.maxT >= s("chgot"), releases: (m, s) => m.maxT <= s("chgot_rel") },
  { bit: 5, counter: "chargeUndertemperature", delay: "chgut_delay", trips: (m, s) => m.minT <= s("chgut"), releases: (m, s) => m.minT >= s("chgut_rel") },
  { bit: 6, counter: "dischargeOvertemperature", delay: "dsgot_delay", trips: (m, s) => m.maxT >= s("dsgot"), releases: (m, s) => m.maxT <= s("dsgot_rel") },
  { bit: 7, counter: "dischargeUndertemperature", delay: "dsgut_delay", trips: (m, s) => m.minT <= s("dsgut"), releases: (m, s) => m.minT >= s("dsgut_rel") },
  { bit: 8, counter: "chargeOvercurrent", delay: "chgoc_delay", trips: (m, s) => s("chgoc") > 0 && m.current >= s("chgoc"), releaseAfter: "chgoc_rel" },
  { bit: 9, counter: "dischargeOvercurrent", delay: "dsgoc_delay", trips: (m, s) => s("dsgoc") < 0 && m.current <= s("dsgoc"), releaseAfter: "dsgoc_rel" },
  { bit: 10, counter: "shortCircuit", trips: (m, s) => -m.current >= shortCircuitAmps(s), releaseAfter: "sc_rel" },
];

/** Bits that turn the charge MOSFET off. */
export const CHARGE_BLOCKING = (1 << 0) | (1 << 2) | (1 << 4) | (1 << 5) | (1 << 8) | (1 << 10); // cell OV, pack OV, charge OT/UT, charge OC, short circuit
/** Bits that turn the discharge MOSFET off. */
export const DISCHARGE_BLOCKING = (1 << 1) | (1 << 3) | (1 << 6) | (1 << 7) | (1 << 9) | (1 << 10); // cell UV, pack UV, discharge OT/UT, discharge OC, short circuit

/**
 * Trips protections after their delay while the condition holds and releases them at their
 * release thresholds (or after their release time for current protections). Counts every trip.
 */
export class ProtectionMonitor {
  /** Active protection bits (0–10). */
  bits = 0;
  /** Trips per error counter since the last reset. */
  readonly counts: Partial<Record<ErrorCounterName, number>> = {};
  private readonly held = new Map<number, number>();
  private readonly trippedAt = new Map<number, number>();
  private elapsed = 0;

  /** Advances by `ms` and re-evaluates every rule against `inputs`. */
  update(ms: number, inputs: ProtectionInputs, read: SettingReader): void {
    this.elapsed += ms;
    const s = (name: string): number => {
      const v = read(name);
      return typeof v === "number" ? v : v === true ? 1 : 0;
    };
    const m: Measures = {
      maxCell: Math.max(...inputs.cellVoltages),
      minCell: Math.min(...inputs.cellVoltages),
      pack: inputs.voltage,
      current: inputs.current,
      maxT: inputs.temperatures.length ? Math.max(...inputs.temperatures) : 25,
      minT: inputs.temperatures.length ? Math.min(...inputs.temperatures) : 25,
    };
    for (const rule of RULES) {
      const flag = 1 << rule.bit;
      if (this.bits & flag) {
        const released = rule.releases
          ? rule.releases(m, s)
          : this.elapsed - (this.trippedAt.get(rule.bit) ?? 0) >= s(rule.releaseAfter ?? "") * 1000;
        if (released) this.bits &= ~flag;
        continue;
      }
      if (!rule.trips(m, s)) {
        this.held.delete(rule.bit);
        continue;
      }
      const held = (this.held.get(rule.bit) ?? 0) + ms;
      this.held.set(rule.bit, held);
      if (held >= (rule.delay ? s(rule.delay) * 1000 : 0)) {
        this.bits |= flag;
        this.held.delete(rule.bit);
        this.trippedAt.set(rule.bit, this.elapsed);
        this.counts[rule.counter] = (this.counts[rule.counter] ?? 0) + 1;
      }
    }
  }

  /** Clears every active protection (0x0A `04 00`); conditions that persist trip again. */
  clear(): void {
    this.bits = 0;
    this.held.clear();
  }

  /** Resets the error counters (saving factory exit, 0x0A `02 00`). */
  resetCounts(): void {
    for (const key of Object.keys(this.counts) as ErrorCounterName[]) delete this.counts[key];
  }
}
