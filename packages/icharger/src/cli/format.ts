import type { ChargerReading } from "../icharger.js";
import type { ChannelStatus } from "../status/channel-status.js";

function isReading(value: unknown): value is ChargerReading {
  const r = value as Partial<ChargerReading> | null;
  return typeof r === "object" && r !== null && typeof r.deviceInfo === "object" && Array.isArray(r.channels) && typeof r.model === "object";
}

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

function channelLines(status: ChannelStatus): string[] {
  const state = status.runStatus.observedMeaning ?? "status";
  const lines = [
    `CH${status.channel + 1} ${state} (${status.runStatus.value}) · ${status.outputVoltageV.toFixed(3)} V  ${status.currentA.toFixed(2)} A  ${status.powerW.toFixed(1)} W · ` +
      `${status.capacityMah} mAh · ${status.internalTemperatureC.toFixed(1)} °C · ${duration(status.timestampMs)}`,
  ];
  const cells = status.cells.slice(0, status.cellCount);
  if (cells.length > 0) {
    const delta = Math.round((Math.max(...cells) - Math.min(...cells)) * 1000);
    const balancing = status.balancing.flatMap((on, i) => (on ? [String(i + 1)] : []));
    lines.push(`    cells ${cells.map((v) => v.toFixed(3)).join(" ")} V (Δ ${delta} mV)${balancing.length ? ` · balancing ${balancing.join(",")}` : ""}`);
  } else {
    lines.push("    no cells on the balance port");
  }
  if (status.cellIrMilliohm.some((r) => r > 0)) lines.push(`    IR ${status.cellIrMilliohm.slice(0, Math.max(1, status.cellCount)).join(" ")} mΩ · line ${status.lineIrMilliohm} mΩ`);
  if (!status.runError.ok) lines.push(`    error ${status.runError.displayCode}${status.runError.name ? ` (${status.runError.name})` : ""}`);
  if (status.dialogBoxId !== 0) lines.push(`    dialog box ${status.dialogBoxId} open (answer on the charger or with ORDER_MSGBOX)`);
  return lines;
}

/**
 * A compact view of a reading:
 * ```text
 * iCharger 308 DUO · serial SIM308DUO001 · software 2.18 · hardware 1.00 · input 24.000 V
 * CH1 charging (7) · 15.623 V  2.00 A  31.2 W · 12 mAh · 31.0 °C · 0:00:21
 *     cells 3.905 3.906 3.905 3.907 V (Δ 2 mV)
 * CH2 idle (0) · 15.200 V  0.00 A  0.0 W · 0 mAh · 25.0 °C · 0:00:00
 * ```
 */
export function formatReading(reading: unknown): string {
  if (!isReading(reading)) return JSON.stringify(reading, null, 2);
  const info = reading.deviceInfo;
  const input = reading.channels[0]?.inputVoltageV;
  const lines = [
    `iCharger ${reading.model.name} · serial ${info.serialNumber || "?"} · software ${info.softwareVersion} · hardware ${info.hardwareVersion}` +
      (input !== undefined ? ` · input ${input.toFixed(3)} V` : ""),
  ];
  for (const channel of reading.channels) lines.push(...channelLines(channel));
  return lines.join("\n");
}
