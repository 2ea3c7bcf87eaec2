import { makeReading, measure, type BatterySummary, type Clock, type DeviceReading } from "@batt/core";

/**
 * The `i`-th reading of a 16-cell pack discharging slowly, with cells that wander by a few mV: a JBD-like
 * reading as core's makeReading assembles it (33 measurements, 30 numeric), stamped by `clock`.
 */
export function packReading(clock: Clock, i: number): DeviceReading<unknown> {
  const cells = Array.from({ length: 16 }, (_, c) => Math.round((3.3 - i * 1e-5 + 0.002 * Math.sin(i / 30 + c)) * 1000) / 1000);
  const voltage = Math.round(cells.reduce((a, b) => a + b, 0) * 100) / 100;
  const current = Math.round((-12 + 3 * Math.sin(i / 50)) * 100) / 100;
  const battery: BatterySummary = {
    id: "battery",
    name: "Battery",
    voltage,
    current,
    power: Math.round(voltage * current * 10) / 10,
    soc: Math.max(0, 80 - Math.floor(i / 600)),
    cellVoltages: cells,
    temperatures: [24.1 + (i % 7) / 10, 25.3],
    chargeAllowed: true,
    dischargeAllowed: true,
    remainingCapacity: 224 - i / 1000,
    fullCapacity: 280,
    alarms: [],
  };
  const own = [measure("cycles", "Cycles", "count", 31), measure("design_capacity", "Design capacity", "charge", 280), measure("balancing", "Balancing", "state", false)];
  return makeReading(clock, { device: { driver: "jbd", category: "bms", model: "JBD-SP16S020" }, batteries: [battery], measurements: own, reading: null });
}
