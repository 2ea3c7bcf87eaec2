/** What each device's demo must put on screen, per battery panel. */
export interface ChannelExpectation {
  readonly cells: number;
  /** Plausible cell voltages of the simulated chemistry, V. */
  readonly cellVolts: readonly [number, number];
  /** Temperature probes the simulator reports. */
  readonly temperatures: number;
  readonly switches: readonly string[];
  readonly soc: boolean;
}

/** A menu entry, its plugin's title, and what its demo (the plugin's own simulator) shows. */
export interface DemoExpectation {
  readonly id: string;
  readonly title: string;
  readonly channels: readonly ChannelExpectation[];
  /** Labels among the device's own measurements. */
  readonly device: readonly string[];
}

const LFP: readonly [number, number] = [3.0, 3.65];
const BMS = (cells: number, temperatures: number): ChannelExpectation => ({ cells, cellVolts: LFP, temperatures, switches: ["Charge", "Discharge"], soc: true });
const ICHARGER: ChannelExpectation = { cells: 4, cellVolts: [3.3, 4.25], temperatures: 1, switches: ["Charge", "Discharge", "Balancing", "Dialog box open"], soc: false };

/** Every menu entry, in menu order. */
export const DEMOS: readonly DemoExpectation[] = [
  { id: "jbd", title: "JBD / Xiaoxiang / Overkill Solar BMS", channels: [BMS(4, 2)], device: ["Cycles", "Balancing"] },
  { id: "jk", title: "JK BMS (4E57)", channels: [BMS(16, 2)], device: ["MOSFET temperature", "Charge switch"] },
  { id: "jk-pb", title: "JK BMS (JK-PB, packs 1 and 2)", channels: [BMS(16, 5), BMS(16, 5)], device: [] },
  { id: "icharger", title: "Junsi iCharger", channels: [ICHARGER, ICHARGER], device: ["Input voltage"] },
  { id: "voltaic", title: "Voltaic Systems solar charge controller", channels: [{ cells: 0, cellVolts: LFP, temperatures: 0, switches: [], soc: true }], device: ["PV voltage", "Load output"] },
  { id: "evcharger", title: "SolaX-type AC EV charger", channels: [], device: ["State", "L1 voltage", "Lifetime energy"] },
];
