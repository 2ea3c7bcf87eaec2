/**
 * The external (probe) temperature of a channel register or LogView field, 0.1 °C, in °C; `null` when
 * no probe is fitted. The charger has no presence flag for the probe: without one the register reads
 * exactly 0 (docs/protocols/icharger.md#channel-status-input-0x0100-0x0200; the LogView example,
 * docs/protocols/icharger.md#logview-report-example, shows "external 0.0 °C" beside 35.6 °C inside), so
 * exactly 0 means "no probe". The cost: a probe at exactly 0.0 °C is reported as absent.
 */
export function externalProbeTemperature(deciCelsius: number): number | null {
  return deciCelsius === 0 ? null : deciCelsius / 10;
}
