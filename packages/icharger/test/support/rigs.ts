import { createMemoryLink, systemClock, type Clock, type Transport } from "@batt/core";
import { FaultyTransport } from "@batt/core/testing";
import { SerialPortTransport } from "@batt/transport-node";
import { createPtyPair } from "@batt/transport-node/testing";
import { afterEach } from "vitest";
import { ICharger, type IChargerOptions } from "../../src/index.js";
import { IChargerSimulator, type IChargerSimulatorOptions } from "../../src/simulator/index.js";
import { AutoClock } from "./auto-clock.js";

/** A driver talking to a simulator over some link. */
export interface Rig {
  readonly name: string;
  readonly charger: ICharger;
  readonly sim: IChargerSimulator;
  readonly clock: Clock;
  /** The host end, wrapped so tests can cut or damage the link. */
  readonly link: FaultyTransport;
  /** Whether time is virtual (in-memory links). */
  readonly virtual: boolean;
  dispose(): Promise<void>;
}

/** Options of a rig. */
export interface RigOptions {
  readonly sim?: IChargerSimulatorOptions;
  readonly driver?: IChargerOptions;
}

/** How to build a rig; the suite runs once per kind. */
export type RigFactory = (options?: RigOptions) => Promise<Rig>;

async function assemble(name: string, host: Transport, device: Transport, clock: Clock, virtual: boolean, options: RigOptions, cleanup: () => Promise<void>): Promise<Rig> {
  const link = new FaultyTransport(host, { clock });
  await link.open();
  await device.open();
  const sim = new IChargerSimulator({ clock, ...options.sim }).attach(device);
  sim.start(virtual ? 50 : 20);
  const charger = await ICharger.open(link, { clock, ...options.driver });
  return {
    name,
    charger,
    sim,
    clock,
    link,
    virtual,
    async dispose() {
      charger.dispose();
      await sim.stop();
      await link.close();
      await device.close();
      await cleanup();
    },
  };
}

/** USB: the MODBUS-HID framing over an in-memory packet link, on virtual time. */
export const hidRig: RigFactory = async (options = {}) => {
  const clock = new AutoClock().start();
  const { host, device } = createMemoryLink({ kind: "packet", packetSize: 64 });
  return assemble("hid (memory packet link)", host, device, clock, true, options, async () => clock.stop());
};

/** Serial: Modbus RTU over an in-memory stream link at 115200 baud, on virtual time. */
export const rtuRig: RigFactory = async (options = {}) => {
  const clock = new AutoClock().start();
  const { host, device } = createMemoryLink({ info: { baudRate: 115200, parity: "none" } });
  return assemble("rtu (memory stream link)", host, device, clock, true, options, async () => clock.stop());
};

/** Serial: Modbus RTU over a socat pseudo-terminal pair with the real serialport binding, on real time. */
export const ptyRig: RigFactory = async (options = {}) => {
  const pty = await createPtyPair();
  const host = new SerialPortTransport({ path: pty.a, baudRate: 115200 });
  const device = new SerialPortTransport({ path: pty.b, baudRate: 115200 });
  // Real time: shorter start phases and polls keep the suite quick without changing what it checks.
  const tuned: RigOptions = {
    sim: { startMs: 40, checkMs: 80, ...options.sim },
    driver: { startCheckMs: 250, pollIntervalMs: 50, ...options.driver },
  };
  return assemble("rtu (socat pty, serialport)", host, device, systemClock, false, tuned, () => pty.close());
};

/** Resolves after `ms` of the rig's time (virtual or real). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimer(resolve, ms));
}

/**
 * Opens a rig for the test that asks (`factory` unless told otherwise) and disposes of it after the
 * test. Call it in a `describe` block.
 */
export function rigPerTest(factory: RigFactory): (options?: RigOptions, use?: RigFactory) => Promise<Rig> {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.dispose();
    rig = undefined;
  });
  return async (options, use = factory) => (rig = await use(options));
}
