import { measureRows, type BatterySummary, type Measurement, type MeasurementRow } from "@batt/core";
import { activeAlarms } from "../alarm-table.js";
import { JK_PB_ALARM_BITS } from "./pb-alarm-bits.js";
import { JK_PB_ALARM_MEANINGS } from "./pb-alarm-meanings.js";
import { JK_PB_BALANCE_STATES, type JkPbLiveData } from "./pb-live-data.js";
import { mosSensorMissing } from "./temperature-probes.js";

/** The JK-PB live values a battery summary does not carry, as measurements. */
const JK_PB_MEASUREMENTS: readonly MeasurementRow<JkPbLiveData>[] = [
  { key: "mos_temperature", name: "MOSFET temperature", kind: "temperature", value: (l) => (mosSensorMissing(l.temperatureSensorPresence) ? undefined : l.mosTemperature) },
  { key: "soh", name: "State of health", kind: "percentage", value: (l) => l.soh },
  { key: "cycle_count", name: "Cycles", kind: "count", value: (l) => l.cycleCount, extras: { stateClass: "total_increasing" } },
  { key: "cycle_capacity", name: "Cycle capacity", kind: "charge", value: (l) => l.cycleCapacity, extras: { stateClass: "total_increasing" } },
  { key: "balance_current", name: "Balance current", kind: "current", value: (l) => l.balanceCurrent, extras: { decimals: 3 } },
  { key: "balance_state", name: "Balancer", kind: "enum", value: (l) => l.balanceState.name ?? null, extras: { options: JK_PB_BALANCE_STATES } },
  { key: "runtime", name: "Running time", kind: "duration", value: (l) => l.runtime, extras: { stateClass: "total_increasing" } },
];

const NAMED_BITS = new Set(Object.keys(JK_PB_ALARM_BITS).map(Number));

/**
 * The battery summary of one JK-PB pack: pack voltage, signed current and power, SOC, cells, the fitted
 * battery probes, FET states, capacities and alarms. Give the reading to `withProbeNumbers` so
 * each probe's measurement keeps its number as key.
 */
export function pbBatterySummary(live: JkPbLiveData, id = "battery", name = "Battery"): BatterySummary {
  return {
    id,
    name,
    voltage: live.packVoltage,
    current: live.current,
    power: live.power,
    soc: live.soc,
    cellVoltages: live.cellVoltages,
    temperatures: live.temperatures,
    chargeAllowed: live.chargeMos,
    dischargeAllowed: live.dischargeMos,
    remainingCapacity: live.remainingCapacity,
    fullCapacity: live.fullChargeCapacity,
    alarms: activeAlarms(
      live.alarms.names,
      live.alarms.bits.filter((bit) => !NAMED_BITS.has(bit)),
      JK_PB_ALARM_MEANINGS,
      "alarm",
    ),
  };
}

/**
 * The device measurements of one JK-PB pack besides its battery's. With several packs in one
 * reading, `battery` names the pack's summary: keys get its id as prefix (`pack2_soh`) and names
 * its name (`Pack 2 State of health`).
 */
export function pbMeasurements(live: JkPbLiveData, battery?: { readonly id: string; readonly name: string }): Measurement[] {
  return measureRows(JK_PB_MEASUREMENTS, live, battery);
}
