import { encodeJbdDate } from "../date.js";
import type { RegisterValue } from "../settings/convert.js";
import { celsiusToKelvinTenths } from "../units.js";
import { ocvAt, type ChemistryProfile } from "@batt/core/simulator";

/** What the default register image is derived from. */
export interface EepromSeed {
  /** Chemistry profile (core's curve and cell limits). */
  readonly profile: ChemistryProfile;
  /** Series cells. */
  readonly cells: number;
  /** Capacity, Ah. */
  readonly capacity: number;
  /** Number of NTCs. */
  readonly ntcCount: number;
  /** Manufacture date `YYYY-MM-DD`. */
  readonly manufactureDate: string;
  /** Cycle count. */
  readonly cycles: number;
  /** Whether registers 0x42–0x47 exist. */
  readonly extendedCapacityTable: boolean;
}

const mv = (volts: number): number => Math.round(volts * 1000);
const s16 = (value: number): number => value & 0xffff;
const pair = (high: number, low: number): number => (high << 8) | low;

/**
 * A plausible factory register image for a pack: protection limits from the chemistry, pack
 * limits from the cell limits × cells, currents from the capacity, delays of a few seconds.
 */
export function defaultEeprom(seed: EepromSeed): Map<number, RegisterValue> {
  const { profile, cells, capacity } = seed;
  const cap = Math.min(Math.round(capacity * 100), 0xffff);
  const [covp, covpRel] = profile.overvoltage;
  const [cuvp, cuvpRel] = profile.undervoltage;
  const ocvMv = (soc: number): number => mv(ocvAt(profile, soc)); // soc in %
  const amps = (a: number): number => Math.round(Math.min(a, 300) * 100);
  const image = new Map<number, RegisterValue>([
    [0x10, cap],
    [0x11, cap],
    [0x12, ocvMv(100)],
    [0x13, ocvMv(5)],
    [0x14, 2],
    [0x15, encodeJbdDate(seed.manufactureDate)],
    [0x16, 1],
    [0x17, seed.cycles],
    [0x18, celsiusToKelvinTenths(50)],
    [0x19, celsiusToKelvinTenths(45)],
    [0x1a, celsiusToKelvinTenths(0)],
    [0x1b, celsiusToKelvinTenths(5)],
    [0x1c, celsiusToKelvinTenths(70)],
    [0x1d, celsiusToKelvinTenths(65)],
    [0x1e, celsiusToKelvinTenths(-20)],
    [0x1f, celsiusToKelvinTenths(-15)],
    [0x20, Math.round(covp * cells * 100)],
    [0x21, Math.round(covpRel * cells * 100)],
    [0x22, Math.round(cuvp * cells * 100)],
    [0x23, Math.round(cuvpRel * cells * 100)],
    [0x24, mv(covp)],
    [0x25, mv(covpRel)],
    [0x26, mv(cuvp)],
    [0x27, mv(cuvpRel)],
    [0x28, s16(amps(capacity))],
    [0x29, s16(-amps(capacity * 1.5))],
    [0x2a, mv(profile.balanceStart)],
    [0x2b, 30],
    [0x2c, 5],
    [0x2d, 0x0034], // balance enable, LED enable, LED count
    [0x2e, (1 << seed.ntcCount) - 1],
    [0x2f, cells],
    [0x30, 10],
    [0x31, 10],
    [0x32, ocvMv(80)],
    [0x33, ocvMv(60)],
    [0x34, ocvMv(40)],
    [0x35, ocvMv(20)],
    [0x36, mv(covp) + 100],
    [0x37, mv(cuvp) - 200],
    [0x38, pair(0x80 | (1 << 3) | 7, (3 << 4) | 15)], // ×2, 100 µs, 100 mV; 80 ms, 50 mV
    [0x39, pair((1 << 6) | (1 << 4), 5)], // CUVP-high 4 s, COVP-high 2 s; SC release 5 s
    [0x3a, pair(2, 2)],
    [0x3b, pair(2, 2)],
    [0x3c, pair(2, 2)],
    [0x3d, pair(2, 2)],
    [0x3e, pair(2, 32)],
    [0x3f, pair(2, 32)],
    [0x40, 3000],
    [0x41, 10],
    [0xa0, "JBD"],
    [0xa1, `SIM-${cells}S-${Math.round(capacity)}AH`],
    [0xa2, "SIM0000001"],
  ]);
  if (seed.extendedCapacityTable) {
    [90, 70, 50, 30, 10].forEach((soc, i) => image.set(0x42 + i, ocvMv(soc)));
    image.set(0x47, ocvMv(100));
  }
  return image;
}
