import { JK_BAUD_RATE, JkBms, type JkLiveData } from "@batt/jk";
import { flagLabel, type ChannelReading, type Detail, type Temperature } from "../model.js";
import type { DashboardDevice } from "./device.js";

function channel(live: JkLiveData): ChannelReading {
  const temperatures: Temperature[] = [];
  if (live.temperature1 !== undefined) temperatures.push({ label: "Battery box", celsius: live.temperature1 });
  if (live.temperature2 !== undefined) temperatures.push({ label: "Battery", celsius: live.temperature2 });
  if (live.mosTemperature !== undefined) temperatures.push({ label: "MOSFET", celsius: live.mosTemperature });
  const details: Detail[] = [];
  if (live.cycleCount !== undefined) details.push({ label: "Cycles", value: String(live.cycleCount) });
  if (live.totalCycleCapacity !== undefined) details.push({ label: "Cycled", value: `${live.totalCycleCapacity} Ah` });
  if (live.softwareVersion !== undefined) details.push({ label: "Firmware", value: live.softwareVersion });
  if (live.balanceSwitch !== undefined) details.push({ label: "Balancer", value: live.balanceSwitch ? "enabled" : "disabled" });
  const status = live.status?.flags;
  const voltage = live.totalVoltage ?? live.cellVoltages.reduce((sum, v) => sum + v, 0);
  const current = live.current ?? 0;
  return {
    title: "Pack",
    cells: live.cellVoltages,
    // The JK balancer is active (moves charge between cells); it reports whether it runs, not per cell.
    voltage,
    current,
    power: live.power ?? voltage * current,
    ...(live.soc !== undefined ? { soc: live.soc } : {}),
    temperatures,
    alarms: (live.warnings?.active ?? []).map(flagLabel),
    switches: [
      { label: "Charge MOSFET", on: status?.chargeMosOn ?? live.chargeSwitch ?? false },
      { label: "Discharge MOSFET", on: status?.dischargeMosOn ?? live.dischargeSwitch ?? false },
      ...(status ? [{ label: "Balancing", on: status.balancing }] : []),
    ],
    details,
  };
}

/** JK BMS (4E57 protocol over its RS-485/UART port at 115200 8N1). */
export const jk: DashboardDevice = {
  id: "jk",
  title: "JK BMS (RS-485, 4E57)",
  link: { kind: "serial", options: { baudRate: JK_BAUD_RATE, dataBits: 8, parity: "none", stopBits: 1 } },
  pollMs: 1000,

  async connect(transport) {
    const bms = new JkBms(transport);
    return {
      async read(signal) {
        return { channels: [channel(await bms.readLive(signal))] };
      },
      dispose: () => bms.dispose(),
    };
  },

  // Loaded on demand: the simulator is not part of the page until the demo button is pressed.
  demo: () => import("./jk-demo.js").then((m) => m.jkDemo()),
};
