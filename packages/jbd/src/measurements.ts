import { measureRows, type BatterySummary, type Measurement, type MeasurementRow } from "@batt/core";
import { jbdAlarms } from "./alarm-map.js";
import type { JbdReading } from "./reading.js";

const balancingCells = (reading: JbdReading): string => {
  const cells = reading.basicInfo.balancing.flatMap((on, i) => (on ? [String(i + 1)] : []));
  return cells.length > 0 ? cells.join(", ") : "none";
};

/** The measurements a JBD reading has beside its battery summary's, in order. */
const ROWS: readonly MeasurementRow<JbdReading>[] = [
  { key: "cycles", name: "Cycles", kind: "count", value: (r) => r.basicInfo.cycles, extras: { stateClass: "total_increasing" } },
  { key: "design_capacity", name: "Design capacity", kind: "charge", value: (r) => r.basicInfo.nominalCapacity },
  { key: "balancing", name: "Balancing", kind: "state", value: (r) => r.basicInfo.balancing.some(Boolean) },
  { key: "balancing_cells", name: "Balancing cells", kind: "text", value: balancingCells },
  { key: "humidity", name: "Humidity", kind: "percentage", value: (r) => r.basicInfo.humidity },
  { key: "manufacture_date", name: "Manufacture date", kind: "text", value: (r) => r.basicInfo.manufactureDate },
];

/**
 * The battery summary of a JBD reading: pack values, cells, NTC temperatures, the MOSFET states as
 * whether the pack may charge and discharge, capacities (full charge from the extended tail, else
 * the design capacity), and the protections and alarms as shared alarm ids.
 */
export function jbdBatterySummary(reading: JbdReading): BatterySummary {
  const info = reading.basicInfo;
  return {
    id: "battery",
    name: "Battery",
    voltage: info.voltage,
    current: info.current,
    power: info.power,
    soc: info.soc,
    cellVoltages: reading.cellVoltages,
    temperatures: info.temperatures,
    chargeAllowed: info.fet.charge,
    dischargeAllowed: info.fet.discharge,
    remainingCapacity: info.remainingCapacity,
    fullCapacity: info.fullChargeCapacity ?? info.nominalCapacity,
    alarms: jbdAlarms(info),
  };
}

/** The JBD measurements beside the battery's: cycles, design capacity, balancing, humidity, manufacture date. */
export function jbdMeasurements(reading: JbdReading): Measurement[] {
  return measureRows(ROWS, reading);
}
