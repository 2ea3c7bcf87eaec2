import { commonAlarm, makeReading, measure, type BatterySummary } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { toScreen } from "../src/model.js";

// What the page shows of a reading: only what the reading has (no probe, no temperature), and
// colour by meaning (a protection is an alarm; a warning is amber; off is no verdict).

const channel = (n: number, over: Partial<BatterySummary> = {}): BatterySummary => ({
  id: `ch${n}`,
  name: `Channel ${n}`,
  voltage: 15.2,
  current: 0,
  power: 0,
  soc: null,
  cellVoltages: [3.8, 3.8, 3.8, 3.8],
  temperatures: [],
  chargeAllowed: false,
  dischargeAllowed: false,
  remainingCapacity: null,
  fullCapacity: null,
  alarms: [],
  ...over,
});

/** A two-channel charger: a probe on channel 1, none on channel 2 (its summary has no temperature and its measurement is null). */
function charger() {
  return makeReading(new ManualClock(), {
    device: { driver: "icharger", category: "charger", model: "iCharger 308 DUO" },
    batteries: [channel(1, { temperatures: [24.5] }), channel(2)],
    measurements: [
      measure("input_voltage", "Input voltage", "voltage", 24),
      measure("ch1_external_temperature", "Channel 1 External temperature", "temperature", 24.5, { battery: "ch1" }),
      measure("ch2_external_temperature", "Channel 2 External temperature", "temperature", null, { battery: "ch2" }),
      measure("ch2_internal_resistance", "Channel 2 Internal resistance", "resistance", Number.NaN, { battery: "ch2" }),
      measure("ch1_balancing", "Channel 1 Balancing", "state", false, { battery: "ch1" }),
      measure("mosfet_temperature", "MOSFET temperature", "temperature", 81),
    ],
    reading: {},
  });
}

describe("the page's model of a reading", () => {
  it("shows a temperature only where the reading has one: no probe, no 0.0 °C, no placeholder", () => {
    const screen = toScreen(charger());
    expect(screen.channels.map((c) => c.temperatures.map((t) => t.celsius))).toEqual([[24.5], []]);
    expect(screen.channels[0]!.details.map((d) => `${d.label} ${d.value}`)).toEqual(["External temperature 24.5 °C"]);
    // The null probe and the NaN resistance are left out, not shown as "-" or "NaN".
    expect(screen.channels[1]!.details).toEqual([]);
    expect(JSON.stringify(screen)).not.toMatch(/"-"|NaN|0\.0 °C/);
  });

  it("switches are states: off is not an alarm, and a temperature past its limit is a warning", () => {
    const screen = toScreen(charger());
    expect(screen.channels[0]!.switches).toEqual([
      { label: "Charge", on: false },
      { label: "Discharge", on: false },
      { label: "Balancing", on: false },
    ]);
    expect(screen.device).toEqual([
      { label: "Input voltage", value: "24.00 V" },
      { label: "MOSFET temperature", value: "81.0 °C", tone: "warning" },
    ]);
  });

  it("a protection is an alarm, a warning is a warning; a hot probe is a warning", () => {
    const reading = makeReading(new ManualClock(), {
      device: { driver: "jbd", category: "bms" },
      batteries: [
        channel(1, {
          temperatures: [46, 25],
          chargeAllowed: false,
          alarms: [commonAlarm("cell-overvoltage"), { id: "jbd-cell-high-voltage", name: "Cell high voltage", severity: "warning" }],
        }),
      ],
      reading: {},
    });
    const [battery] = toScreen(reading).channels;
    expect(battery!.alarms).toEqual([
      { name: "Cell over-voltage", severity: "protection", tone: "alarm" },
      { name: "Cell high voltage", severity: "warning", tone: "warning" },
    ]);
    expect(battery!.temperatures).toEqual([
      { label: "T1", celsius: 46, tone: "warning" },
      { label: "T2", celsius: 25 },
    ]);
    expect(battery!.switches).toContainEqual({ label: "Charge", on: false });
  });
});

describe("probes keep their numbers", () => {
  /** Packs whose probe 3 is not fitted: the driver renames the third probe's key to its own number, as JK's readings do. */
  function pack(several: boolean) {
    const ids = several ? ["pack1", "pack2"] : ["pack1"];
    const batteries = ids.map((id, i) => ({ ...channel(i + 1, { temperatures: [21, 22, 24] }), id, name: `Pack ${i + 1}` }));
    const reading = makeReading(new ManualClock(), { device: { driver: "jk", category: "bms", model: "JK-PB" }, batteries, measurements: [], reading: {} });
    const measurements = reading.measurements.map((m) => (m.key.endsWith("temperature_3") ? { ...m, key: m.key.replace(/3$/, "4"), name: m.name.replace(/3$/, "4") } : m));
    expect(measurements.filter((m) => m.key.endsWith("temperature_4"))).toHaveLength(ids.length);
    return { ...reading, measurements };
  }

  it("labels them T1, T2, T4 in the battery's panel, one pack or several, and not again among the device's values", () => {
    for (const several of [false, true]) {
      const screen = toScreen(pack(several));
      for (const c of screen.channels) expect(c.temperatures.map((t) => `${t.label} ${t.celsius}`)).toEqual(["T1 21", "T2 22", "T4 24"]);
      expect(screen.device.map((d) => d.label)).toEqual([]);
    }
  });
});
