import type { ChargerReading } from "../charger-reading.js";

function isReading(value: unknown): value is ChargerReading {
  const r = value as Partial<ChargerReading> | null;
  return typeof r === "object" && r !== null && typeof r.status === "object" && r.status !== null && typeof r.generation === "string";
}

const f = (n: number | undefined, digits = 2): string => (n === undefined ? "?" : n.toFixed(digits));

/**
 * A compact view of a reading:
 * ```text
 * EV charger C311A1B2C3D4E5 · address 70 · G1 · firmware 1.18 · 11kW three-phase
 * state Charging · mode fast · current setting 16.00 A
 * L1 230.00 V 16.00 A 3680 W · L2 … · total 11040 W
 * session 1.2 kWh in 385 s · lifetime 123456.7 kWh
 * grid 15.70 / 15.70 / 15.70 A, 11040 W · CP 6.00 V duty 26.6 % · 38 °C
 * faults: none
 * ```
 */
export function formatChargerReading(reading: unknown): string {
  if (!isReading(reading)) return JSON.stringify(reading, null, 2);
  const s = reading.status;
  const set = reading.settings;
  const lines = [
    `EV charger ${set.serialNumber ?? "(serial unknown)"} · address ${reading.unit} · ${reading.generation.toUpperCase()} · firmware ${f(s.firmwareVersion)} · ${s.typePower.name ?? s.typePower.value} ${s.typePhase.name ?? ""}-phase`,
    `state ${s.state.name ?? s.state.value} · mode ${set.deviceMode?.name ?? "?"} · current setting ${f(set.maxCurrent)} A`,
    `L1 ${f(s.voltageL1)} V ${f(s.currentL1)} A ${s.powerL1} W · L2 ${f(s.voltageL2)} V ${f(s.currentL2)} A ${s.powerL2} W · L3 ${f(s.voltageL3)} V ${f(s.currentL3)} A ${s.powerL3} W · total ${s.totalPower} W`,
    `session ${f(s.sessionEnergy, 1)} kWh in ${s.chargingTime} s · lifetime ${f(s.totalEnergy, 1)} kWh`,
    `grid ${f(s.gridCurrentL1)} / ${f(s.gridCurrentL2)} / ${f(s.gridCurrentL3)} A, ${s.gridTotalPower} W · CP ${f(s.cpVoltage)} V duty ${f(s.duty, 1)} % · ${s.pcbTemperature} °C`,
    `faults: ${s.faultCode.value === 0 ? "none" : (s.faultCode.names.length > 0 ? s.faultCode.names : s.faultCode.bits.map((b) => `bit ${b}`)).join(", ")}`,
  ];
  for (const warning of reading.warnings) lines.push(`warning: ${warning}`);
  if (reading.unavailable.length > 0) lines.push(`not readable on this firmware: ${reading.unavailable.join(", ")}`);
  return lines.join("\n");
}
