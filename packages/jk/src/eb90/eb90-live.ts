import { BattError } from "@batt/core";
import { cellStats } from "../live-data.js";
import { JK_PB_ALARM_BITS, type JkPbAlarmName } from "../pb/pb-alarm-bits.js";
import { JK_PB_BALANCE_STATES, type JkPbLiveData } from "../pb/pb-live-data.js";
import { fittedProbes } from "../pb/temperature-probes.js";
import type { Eb90Generation } from "./eb90-generation.js";
import type { Eb90Values } from "./eb90-layout.js";

/**
 * The live state of a JK02 cell info frame in the package's JK-PB live shape (the same values the
 * JK-PB Modbus live block carries, so one battery summary and one measurement table serve both):
 * cells by the cell mask, power signed by the current, the alarm word named by the JK-PB alarm bits
 * (the same bits, syssi/esphome-jk-bms ERRORS_JK02), temperatures T1, T2 (and T3–T5 on 32-cell firmware)
 * of the probes the presence byte marks fitted (docs/protocols/jk.md#temperature-sensor-presence).
 *
 * @throws BattError `unsupported` for JK04 frames, which carry no current, SOC or temperatures.
 */
export function eb90LiveData(values: Eb90Values, generation: Eb90Generation, address = 0): JkPbLiveData {
  if (generation === "jk04") throw new BattError("unsupported", "JK04 cell info carries no current, SOC or temperatures; read its cell voltages from the values");
  const n = (key: string): number => Number(values[key] ?? 0);
  const all = (values["cellVoltages"] ?? []) as readonly number[];
  const mask = n("cellMask");
  const cells = all.flatMap((voltage, i) => (Math.floor(mask / 2 ** i) % 2 === 1 ? [{ index: i + 1, voltage }] : []));
  const stats = cellStats(cells);
  const current = n("current");
  const alarmWord = n("alarms");
  const bits = Array.from({ length: 32 }, (_, bit) => bit).filter((bit) => Math.floor(alarmWord / 2 ** bit) % 2 === 1);
  const names = bits.flatMap((bit): JkPbAlarmName[] => {
    const name = (JK_PB_ALARM_BITS as Readonly<Record<number, JkPbAlarmName>>)[bit];
    return name ? [name] : [];
  });
  const balance = n("balanceState");
  const balanceName: string | undefined = JK_PB_BALANCE_STATES[balance];
  const slots = generation === "jk02-32s" ? ["temperature1", "temperature2", "temperature3", "temperature4", "temperature5"] : ["temperature1", "temperature2"];
  const presence = values["temperatureSensorPresence"] === undefined ? undefined : n("temperatureSensorPresence");
  const probes = fittedProbes(slots.map(n), presence);
  return {
    address,
    cellVoltages: cells.map((c) => c.voltage),
    ...(stats ? { cells: stats } : {}),
    packVoltage: n("packVoltage"),
    current,
    power: current < 0 ? -n("power") : n("power"),
    soc: n("soc"),
    soh: n("soh"),
    remainingCapacity: n("remainingCapacity"),
    fullChargeCapacity: n("fullChargeCapacity"),
    cycleCount: n("cycleCount"),
    cycleCapacity: n("cycleCapacity"),
    mosTemperature: n("mosTemperature"),
    temperatures: probes.temperatures,
    temperatureSensors: probes.sensors,
    ...(presence === undefined ? {} : { temperatureSensorPresence: presence }),
    alarms: { value: alarmWord, bits, names },
    balanceCurrent: n("balanceCurrent"),
    balanceState: balanceName === undefined ? { value: balance } : { value: balance, name: balanceName },
    chargeMos: n("chargeMos") !== 0,
    dischargeMos: n("dischargeMos") !== 0,
    runtime: n("runtime"),
  };
}
