import type { DeviceIdentity } from "@batt/core";
import type { Generation } from "./generation.js";

/** What the identity is made of: the charger's own registers, as far as they were read. */
export interface IdentitySource {
  /** The charger's bus address. */
  readonly address: number;
  /** The generation in use. */
  readonly generation: Generation;
  /** Serial number (holding 0x0600), when readable. */
  readonly serialNumber?: string | undefined;
  /** Firmware version (input 0x0025), e.g. 1.18. */
  readonly firmwareVersion?: number | undefined;
  /** Power class name (input 0x0021), e.g. `11kW`. */
  readonly powerClass?: string | undefined;
  /** Phases (input 0x0022): `single` or `three`. */
  readonly phases?: string | undefined;
}

/**
 * Who the charger is. Its model is built from what it reports: X1 (single-phase) or X3
 * (three-phase), EVC (first generation) or HAC (second), and the power class: `X3-EVC-11kW`.
 */
export function evChargerIdentity(source: IdentitySource): DeviceIdentity {
  const family = `${source.phases === "single" ? "X1" : source.phases === "three" ? "X3" : "X1/X3"}-${source.generation === "g2" ? "HAC" : "EVC"}`;
  return {
    driver: "evcharger",
    category: "ev-charger",
    manufacturer: "SolaX",
    model: source.powerClass ? `${family}-${source.powerClass}` : family,
    ...(source.serialNumber ? { serial: source.serialNumber } : {}),
    ...(source.firmwareVersion !== undefined ? { firmware: source.firmwareVersion.toFixed(2) } : {}),
    address: source.address,
  };
}
