import type { BatterySummary } from "./battery-summary.js";
import { measure, type Measurement } from "./measurement.js";

/**
 * The measurements of a battery summary, with stable keys: `voltage`, `current`, `power`, `soc`,
 * `remaining_capacity`, `full_capacity`, `cell_1`…, `cell_min`, `cell_max`, `cell_delta`,
 * `temperature_1`…, `charge_allowed`, `discharge_allowed`, `alarm_count`. With several batteries in
 * one reading, give each a `prefix` (`ch1_`) so keys stay unique.
 */
export function batteryMeasurements(battery: BatterySummary, prefix = ""): Measurement[] {
  const label = prefix ? `${battery.name} ` : "";
  const tag = prefix ? { battery: battery.id } : {};
  const key = (name: string): string => `${prefix}${name}`;
  const out: Measurement[] = [
    measure(key("voltage"), `${label}Voltage`, "voltage", battery.voltage, tag),
    measure(key("current"), `${label}Current`, "current", battery.current, tag),
    measure(key("power"), `${label}Power`, "power", battery.power, tag),
  ];
  if (battery.soc !== null) out.push(measure(key("soc"), `${label}State of charge`, "battery", battery.soc, tag));
  if (battery.remainingCapacity !== null) out.push(measure(key("remaining_capacity"), `${label}Remaining capacity`, "charge", battery.remainingCapacity, tag));
  if (battery.fullCapacity !== null) out.push(measure(key("full_capacity"), `${label}Full capacity`, "charge", battery.fullCapacity, tag));
  const cells = battery.cellVoltages;
  cells.forEach((v, i) => out.push(measure(key(`cell_${i + 1}`), `${label}Cell ${i + 1}`, "voltage", v, { decimals: 3, ...tag })));
  if (cells.length > 0) {
    const min = Math.min(...cells);
    const max = Math.max(...cells);
    out.push(
      measure(key("cell_min"), `${label}Lowest cell`, "voltage", min, { decimals: 3, ...tag }),
      measure(key("cell_max"), `${label}Highest cell`, "voltage", max, { decimals: 3, ...tag }),
      // Rounded to 0.1 mV: the difference of two 1 mV readings should not print float noise.
      measure(key("cell_delta"), `${label}Cell difference`, "voltage", Math.round((max - min) * 10_000) / 10_000, { decimals: 3, ...tag }),
    );
  }
  battery.temperatures.forEach((t, i) => out.push(measure(key(`temperature_${i + 1}`), `${label}Temperature ${i + 1}`, "temperature", t, tag)));
  if (battery.chargeAllowed !== null) out.push(measure(key("charge_allowed"), `${label}Charge allowed`, "state", battery.chargeAllowed, tag));
  if (battery.dischargeAllowed !== null) out.push(measure(key("discharge_allowed"), `${label}Discharge allowed`, "state", battery.dischargeAllowed, tag));
  out.push(measure(key("alarm_count"), `${label}Active alarms`, "count", battery.alarms.length, tag));
  return out;
}
