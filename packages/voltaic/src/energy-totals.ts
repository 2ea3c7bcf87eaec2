/** The energy counters as full 32-bit values. JSON-ready. */
export interface VoltaicEnergyTotals {
  /** PV generated energy, total, Wh: 0x3052 (high word) and 0x3053 (low word), 0.01 kWh steps. */
  readonly pvTotal: number;
  /** Load consumed energy, total, Wh: 0x3055 (high word) and 0x3056 (low word), 0.01 kWh steps. */
  readonly loadTotal: number;
}

/** Wh per step of the counters' low word (0.01 kWh). */
const WH_PER_STEP = 10;

/**
 * The energy totals as 32-bit counters: the family tools read only the low words (0x3053, 0x3056),
 * which wrap at 655.35 kWh; the words just below them (0x3052, 0x3055) carry the high words
 * (docs/protocols/voltaic.md#lumiax-family-registers, and issue 16 "32-bit energy totals decoded as full values").
 * `values` are the decoded real-time registers: the low words already in Wh, the high words raw.
 */
export function energyTotals(values: { readonly raw3052: number; readonly pvEnergyTotal: number; readonly raw3055: number; readonly loadEnergyTotal: number }): VoltaicEnergyTotals {
  return {
    pvTotal: values.raw3052 * 0x10000 * WH_PER_STEP + values.pvEnergyTotal,
    loadTotal: values.raw3055 * 0x10000 * WH_PER_STEP + values.loadEnergyTotal,
  };
}
