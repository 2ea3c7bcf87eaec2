/**
 * Hardware/firmware generation: `g1` is the X1/X3-EVC map of the document, `g2` the X1/X3-HAC
 * (and G1 hardware on firmware ≥ 7.00), which differs in 32-bit word order and some enums.
 */
export type Generation = "g1" | "g2";

/** Model codes after the leading `5` of a second-generation serial number (docs/protocols/evcharger.md#generations). */
const G2_MODEL_CODES = ["02", "03", "04", "05", "06", "07", "08", "09"];

/**
 * Guesses the generation from the serial number (holding 0x0600) and firmware version (input
 * 0x0025, e.g. 1.18): a serial of `5` + a HAC model code is second generation, and so is G1
 * hardware (`C311`, `C322`) on firmware 7.00 or later. Everything else — including an unknown
 * serial — is taken as first generation, the document's own map.
 *
 * @example detectGeneration("C311A1B2C3D4E5", 1.18) // "g1"
 */
export function detectGeneration(serial: string | undefined, firmware: number | undefined): Generation {
  const sn = (serial ?? "").trim().toUpperCase();
  if (sn.startsWith("5") && G2_MODEL_CODES.includes(sn.slice(1, 3))) return "g2";
  if ((sn.startsWith("C311") || sn.startsWith("C322")) && firmware !== undefined && firmware >= 7) return "g2";
  return "g1";
}
