import { BattError, FaultyTransport, systemClock, type Clock, type TimerHandle, type Transport } from "@batt/core";
import { ModbusServer, type ModbusHandler, type ModbusRequestContext, type ModbusServerCounters } from "@batt/modbus-rtu";
import { checkPbAddress } from "../../pb/pb-blocks.js";
import type { JkSimulatorFault } from "../faults.js";
import { JkPbDevice, type JkPbPackOptions } from "./jk-pb-device.js";
import { linkFault } from "./pb-faults.js";

/** Options of {@link JkPbSimulator}. */
export interface JkPbSimulatorOptions {
  /** The packs on the bus (default: one pack at address 1). */
  readonly packs?: readonly JkPbPackOptions[];
  /** Time source for reply delays and automatic stepping (default: the system clock). */
  readonly clock?: Clock;
  /** Delay before each reply, ms (default 0; about 38 ms on real buses). */
  readonly responseDelayMs?: number;
}

/**
 * Virtual JK-PB packs on one RS-485 bus, speaking standard Modbus RTU (FC 0x03 / 0x10) through
 * `ModbusServer`, each answering at its DIP address with byte-offset register addressing, live data
 * from its own pack model, writable settings, and reply faults on request.
 *
 * @example
 * ```ts
 * const sim = await new JkPbSimulator({ packs: [{ address: 1 }, { address: 2 }] }).attach(device);
 * const bus = new JkPbBus(host);
 * ```
 */
export class JkPbSimulator {
  /** The packs, by address. */
  readonly packs: ReadonlyMap<number, JkPbDevice>;
  /** The clock in use. */
  readonly clock: Clock;
  private readonly responseDelayMs: number;
  private server: ModbusServer | undefined;
  private link: FaultyTransport | undefined;
  private ticker: TimerHandle | undefined;
  private lastTick = 0;

  constructor(options: JkPbSimulatorOptions = {}) {
    const packs = new Map<number, JkPbDevice>();
    for (const pack of options.packs ?? [{ address: 1 }]) {
      checkPbAddress(pack.address);
      if (packs.has(pack.address)) throw new BattError("invalid-argument", `two packs at address ${pack.address}`);
      packs.set(pack.address, new JkPbDevice(pack));
    }
    this.packs = packs;
    this.clock = options.clock ?? systemClock;
    this.responseDelayMs = options.responseDelayMs ?? 0;
  }

  /** The pack at `address`. */
  pack(address: number): JkPbDevice {
    const pack = this.packs.get(address);
    if (!pack) throw new BattError("not-found", `no simulated pack at address ${address}`);
    return pack;
  }

  /** Starts answering on `transport` (open it first). */
  async attach(transport: Transport): Promise<this> {
    this.detach();
    this.link = new FaultyTransport(transport, { clock: this.clock });
    await this.link.open();
    const handler: ModbusHandler = {
      readHoldingRegisters: (address: number, count: number, context: ModbusRequestContext) => this.pack(context.unit).readRegisters(address, count),
      writeRegisters: (address: number, values: readonly number[], context: ModbusRequestContext) => {
        const targets = context.broadcast ? [...this.packs.values()] : [this.pack(context.unit)];
        for (const pack of targets) pack.writeRegisters(address, values);
      },
    };
    this.server = new ModbusServer(this.link, { units: [...this.packs.keys()], handler, clock: this.clock, responseDelayMs: this.responseDelayMs });
    this.server.start();
    return this;
  }

  /** Stops answering (the transport stays open). */
  detach(): void {
    this.server?.stop();
    this.server = undefined;
    this.link = undefined;
  }

  /** Request and reply totals of the server (zero before {@link JkPbSimulator.attach}). */
  get counters(): ModbusServerCounters | undefined {
    return this.server?.counters;
  }

  /** Makes the next `times` replies misbehave (`Infinity`: all). */
  inject(fault: JkSimulatorFault, times = 1): this {
    if (!this.link) throw new BattError("not-open", "attach the simulator before injecting faults");
    this.link.inject({ direction: "tx", fault: linkFault(fault), times });
    return this;
  }

  /** Advances every pack by `ms` (deterministic). */
  step(ms: number): void {
    for (const pack of this.packs.values()) pack.step(ms);
  }

  /** Advances the packs on the clock every `tickMs` (default 1000) until {@link JkPbSimulator.stop}. */
  start(tickMs = 1000): void {
    this.stopTicker();
    this.lastTick = this.clock.now();
    const tick = (): void => {
      const now = this.clock.now();
      this.step(now - this.lastTick);
      this.lastTick = now;
      this.ticker = this.clock.setTimer(tick, tickMs);
    };
    this.ticker = this.clock.setTimer(tick, tickMs);
  }

  /** Stops stepping and answering. */
  async stop(): Promise<void> {
    this.stopTicker();
    this.detach();
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) this.clock.clearTimer(this.ticker);
    this.ticker = undefined;
  }
}
