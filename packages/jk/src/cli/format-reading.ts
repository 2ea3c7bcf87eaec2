import type { JkLiveData } from "../live-data.js";
import type { JkPbLiveData } from "../pb/pb-live-data.js";

/** A reading of either protocol as a few lines for a person. */
export function formatReading(reading: unknown): string {
  if (typeof reading !== "object" || reading === null) return String(reading);
  const r = reading as { protocol?: string; packs?: readonly (JkPbLiveData | { address: number; error: string })[] };
  if (r.protocol === "pb" && r.packs) return r.packs.map((p) => ("error" in p ? `pack ${p.address}: ${p.error}` : formatPb(p))).join("\n\n");
  if (r.protocol === "pb") return formatPb(reading as JkPbLiveData);
  return format4e57(reading as JkLiveData);
}

function format4e57(r: JkLiveData): string {
  const lines = [line("pack", [v(r.totalVoltage, "V"), signed(r.current, "A"), signed(r.power, "W"), r.soc !== undefined ? `SOC ${r.soc} %` : undefined])];
  lines.push(...cellLines(r.cellVoltages, r.cells));
  lines.push(line("temperatures", [r.mosTemperature !== undefined ? `MOS ${r.mosTemperature} °C` : undefined, r.temperature1 !== undefined ? `T1 ${r.temperature1} °C` : undefined, r.temperature2 !== undefined ? `T2 ${r.temperature2} °C` : undefined]));
  if (r.status) lines.push(line("status", [`charge ${onOff(r.status.flags.chargeMosOn)}`, `discharge ${onOff(r.status.flags.dischargeMosOn)}`, r.status.flags.balancing ? "balancing" : undefined]));
  lines.push(line("switches", [r.chargeSwitch !== undefined ? `charge ${onOff(r.chargeSwitch)}` : undefined, r.dischargeSwitch !== undefined ? `discharge ${onOff(r.dischargeSwitch)}` : undefined, r.balanceSwitch !== undefined ? `balancer ${onOff(r.balanceSwitch)}` : undefined]));
  if (r.cycleCount !== undefined) lines.push(line("cycles", [String(r.cycleCount), r.totalCycleCapacity !== undefined ? `${r.totalCycleCapacity} Ah total` : undefined]));
  lines.push(`warnings      ${r.warnings && r.warnings.active.length > 0 ? r.warnings.active.join(", ") : "none"}`);
  if (r.softwareVersion) lines.push(`firmware      ${r.softwareVersion}`);
  return lines.filter((l) => l.trim() !== "").join("\n");
}

function formatPb(r: JkPbLiveData): string {
  const lines = [`JK-PB pack ${r.address}`, line("pack", [v(r.packVoltage, "V"), signed(r.current, "A"), signed(r.power, "W"), `SOC ${r.soc} %`, `SOH ${r.soh} %`])];
  lines.push(...cellLines(r.cellVoltages, r.cells));
  lines.push(line("temperatures", [`MOS ${r.mosTemperature} °C`, ...r.temperatures.map((t, i) => `T${i + 1} ${t} °C`)]));
  lines.push(line("status", [`charge ${onOff(r.chargeMos)}`, `discharge ${onOff(r.dischargeMos)}`, `balancer ${r.balanceState}`]));
  lines.push(line("capacity", [`${r.remainingCapacity} / ${r.fullChargeCapacity} Ah`, `${r.cycleCount} cycles`]));
  lines.push(`alarms        ${r.alarms.names.length > 0 ? r.alarms.names.join(", ") : "none"}`);
  return lines.join("\n");
}

function cellLines(volts: readonly number[], stats: JkLiveData["cells"]): string[] {
  if (!stats) return [];
  return [
    line(`cells (${stats.count})`, [`min ${stats.min.toFixed(3)} V (#${stats.minCell})`, `max ${stats.max.toFixed(3)} V (#${stats.maxCell})`, `Δ ${Math.round(stats.delta * 1000)} mV`]),
    `              ${volts.map((x) => x.toFixed(3)).join(" ")}`,
  ];
}

function line(label: string, parts: readonly (string | undefined)[]): string {
  const shown = parts.filter((p): p is string => p !== undefined);
  return shown.length === 0 ? "" : `${label.padEnd(14)}${shown.join("  ")}`;
}

function v(value: number | undefined, unit: string): string | undefined {
  return value === undefined ? undefined : `${value} ${unit}`;
}

function signed(value: number | undefined, unit: string): string | undefined {
  return value === undefined ? undefined : `${value > 0 ? "+" : ""}${value} ${unit}`;
}

function onOff(on: boolean): string {
  return on ? "on" : "off";
}
