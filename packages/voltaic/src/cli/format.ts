import type { VoltaicReading } from "../reading.js";

function isReading(value: unknown): value is VoltaicReading {
  const r = value as Partial<VoltaicReading> | null;
  return typeof r === "object" && r !== null && typeof r.values === "object" && r.values !== null && typeof r.loadOn === "boolean";
}

const fixed = (n: number, digits = 2): string => n.toFixed(digits);

/**
 * A compact view of a reading:
 * ```text
 * Voltaic charge controller · address 1
 * battery 13.25 V  +2.40 A  SOC 81 %   (0x3046: 13.25 V)
 * PV      18.00 V   1.86 A  33.48 W   total 0.12 kWh
 * load    on  13.25 V   0.91 A  12.00 W   total 0.05 kWh
 * temps   controller 27.1 °C  environment 26.3 °C
 * low-voltage protection 11.00 V
 * ```
 */
export function formatVoltaicReading(reading: unknown): string {
  if (!isReading(reading)) return JSON.stringify(reading, null, 2);
  const v = reading.values;
  const sign = v.batteryCurrent >= 0 ? "+" : "";
  return [
    `Voltaic charge controller · address ${reading.unit}`,
    `battery ${fixed(v.batteryVoltage)} V  ${sign}${fixed(v.batteryCurrent)} A  SOC ${v.batterySoc} %   (0x3046: ${fixed(v.batteryVoltageRealtime)} V)`,
    `PV      ${fixed(v.pvVoltage)} V  ${fixed(v.pvCurrent)} A  ${fixed(v.pvPower)} W   total ${fixed(v.pvEnergyTotal)} kWh`,
    `load    ${reading.loadOn ? "on " : "off"} ${fixed(v.loadVoltage)} V  ${fixed(v.loadCurrent)} A  ${fixed(v.loadPower)} W   total ${fixed(v.loadEnergyTotal)} kWh`,
    `temps   controller ${fixed(v.controllerTemperature, 1)} °C  environment ${fixed(v.environmentTemperature, 1)} °C`,
    `low-voltage protection ${fixed(reading.lowVoltageProtection)} V`,
    `raw 0x3052 ${v.raw3052}  0x3055 ${v.raw3055}`,
  ].join("\n");
}
