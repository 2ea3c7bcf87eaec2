import { ICHARGER_USB, ICharger, type ChannelStatus, type StatusWord } from "@batt/icharger";
import { ICHARGER_HID_FILTERS } from "@batt/transport-web";
import type { ChannelReading, Detail } from "../model.js";
import type { DashboardDevice } from "./device.js";

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function channel(status: ChannelStatus, word: StatusWord | undefined): ChannelReading {
  const program = status.runStatus.observedMeaning ?? `status ${status.runStatus.value}`;
  const alarms: string[] = [];
  if (!status.runError.ok) alarms.push(`Error ${status.runError.displayCode}${status.runError.name ? `: ${status.runError.name}` : ""}`);
  if (word?.dialogBox) alarms.push("A dialog is open on the charger");
  const details: Detail[] = [
    { label: "Program", value: program },
    { label: "Capacity", value: `${Math.round(status.capacityMah)} mAh` },
    { label: "Run time", value: duration(status.timestampMs) },
    { label: "Input", value: `${status.inputVoltageV.toFixed(2)} V` },
  ];
  const voltage = status.outputVoltageV;
  const current = status.currentA;
  return {
    title: `Channel ${status.channel + 1} · ${program}`,
    cells: status.cells.slice(0, status.cellCount),
    balancing: status.balancing.slice(0, status.cellCount),
    voltage,
    current,
    // Voltage × current: the power register's unit is unverified (10 mW or 1 mW per unit).
    power: Math.round(voltage * current * 10) / 10,
    temperatures: [
      { label: "Internal", celsius: status.internalTemperatureC },
      { label: "External", celsius: status.externalTemperatureC },
    ],
    alarms,
    switches: [
      { label: "Output running", on: word?.run ?? false },
      { label: "Balancing", on: word?.balancing ?? false },
    ],
    details,
  };
}

/** Junsi iCharger DUO / X / S / DX over USB HID: every channel. */
export const icharger: DashboardDevice = {
  id: "icharger",
  title: "Junsi iCharger (USB)",
  link: { kind: "hid", filters: ICHARGER_HID_FILTERS, options: { reportSize: ICHARGER_USB.reportSize } },
  pollMs: 1000,

  async connect(transport) {
    const charger = await ICharger.open(transport);
    return {
      name: charger.model.name,
      async read(signal) {
        const reading = await charger.read(signal);
        return { channels: reading.channels.map((c, i) => channel(c, reading.deviceInfo.status[i])) };
      },
      dispose: () => charger.dispose(),
    };
  },

  // Loaded on demand: the simulator is not part of the page until the demo button is pressed.
  demo: () => import("./icharger-demo.js").then((m) => m.ichargerDemo()),
};
