import { JbdBms, type BasicInfo } from "@batt/jbd";
import { flagLabel, type ChannelReading, type Detail } from "../model.js";
import type { DashboardDevice } from "./device.js";

function channel(info: BasicInfo, cells: readonly number[]): ChannelReading {
  const details: Detail[] = [
    { label: "Remaining", value: `${info.remainingCapacity.toFixed(1)} / ${(info.fullChargeCapacity ?? info.nominalCapacity).toFixed(1)} Ah` },
    { label: "Cycles", value: String(info.cycles) },
    { label: "Firmware", value: info.softwareVersion },
    { label: "Made", value: info.manufactureDate },
  ];
  if (info.humidity !== undefined) details.push({ label: "Humidity", value: `${info.humidity} %` });
  return {
    title: "Pack",
    cells,
    balancing: info.balancing,
    voltage: info.voltage,
    current: info.current,
    power: info.power,
    soc: info.soc,
    temperatures: info.temperatures.map((celsius, i) => ({ label: `T${i + 1}`, celsius })),
    alarms: [...info.protectionActive, ...(info.alarmActive ?? [])].map(flagLabel),
    switches: [
      { label: "Charge FET", on: info.fet.charge },
      { label: "Discharge FET", on: info.fet.discharge },
    ],
    details,
  };
}

/** JBD / Xiaoxiang / Overkill Solar BMS on a 9600 8N1 UART (RS-485 or TTL adapter). */
export const jbd: DashboardDevice = {
  id: "jbd",
  title: "JBD / Xiaoxiang BMS",
  link: { kind: "serial", options: { baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 } },
  pollMs: 1000,

  async connect(transport) {
    const bms = new JbdBms(transport);
    // Read once: some units stop answering when register 0x05 is polled.
    const name = await bms.readDeviceName().catch(() => undefined);
    return {
      ...(name ? { name } : {}),
      async read(signal) {
        const info = await bms.readBasicInfo(signal);
        const cells = await bms.readCellVoltages(signal);
        return { channels: [channel(info, cells)] };
      },
      dispose: () => bms.dispose(),
    };
  },

  // Loaded on demand: the simulator is not part of the page until the demo button is pressed.
  demo: () => import("./jbd-demo.js").then((m) => m.jbdDemo()),
};
