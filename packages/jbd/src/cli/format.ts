import type { JbdReading } from "./session.js";

function isReading(value: unknown): value is JbdReading {
  const r = value as Partial<JbdReading> | null;
  return typeof r === "object" && r !== null && typeof r.info === "object" && r.info !== null && Array.isArray(r.cells);
}

const onOff = (on: boolean): string => (on ? "on" : "off");

/**
 * A compact view of a reading:
 * ```text
 * JBD-SP04S034 · v8.0 · made 2022-03-28 · 0 cycles
 * 15.60 V  0.00 A  0.0 W  SOC 100 %  4.98 / 5.00 Ah
 * cells 3.909 3.901 3.895 3.901 V  (Δ 14 mV)
 * temps 22.4 22.3 21.7 °C
 * FET charge on, discharge on · protection: none · balancing: none
 * ```
 */
export function formatReading(reading: unknown): string {
  if (!isReading(reading)) return JSON.stringify(reading, null, 2);
  const { info, cells } = reading;
  const lines: string[] = [];
  lines.push(`${reading.name ?? "JBD BMS"} · v${info.softwareVersion} · made ${info.manufactureDate} · ${info.cycles} cycles`);
  const full = info.fullChargeCapacity ?? info.nominalCapacity;
  lines.push(
    `${info.voltage.toFixed(2)} V  ${info.current.toFixed(2)} A  ${info.power.toFixed(1)} W  SOC ${info.soc} %  ${info.remainingCapacity.toFixed(2)} / ${full.toFixed(2)} Ah`,
  );
  if (cells.length > 0) {
    const delta = Math.round((Math.max(...cells) - Math.min(...cells)) * 1000);
    lines.push(`cells ${cells.map((v) => v.toFixed(3)).join(" ")} V  (Δ ${delta} mV)`);
  }
  if (info.temperatures.length > 0) lines.push(`temps ${info.temperatures.map((t) => t.toFixed(1)).join(" ")} °C`);
  const balancing = info.balancing.flatMap((on, i) => (on ? [String(i + 1)] : []));
  lines.push(
    `FET charge ${onOff(info.fet.charge)}, discharge ${onOff(info.fet.discharge)} · protection: ${
      info.protectionActive.length ? info.protectionActive.join(", ") : "none"
    } · balancing: ${balancing.length ? `cells ${balancing.join(", ")}` : "none"}`,
  );
  if (info.alarmActive?.length) lines.push(`alarms: ${info.alarmActive.join(", ")}`);
  if (info.coarseUnits) lines.push("note: the BMS signals 100 mA / 100 mAh units (use capacity scale 10 if values look 10× small)");
  return lines.join("\n");
}
