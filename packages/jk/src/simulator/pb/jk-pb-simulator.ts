import { BattError, type Clock, type Transport, type Unsubscribe } from "@batt/core";
import { DeviceSimulator } from "@batt/core/simulator";
import { ModbusServer, type ModbusHandler, type ModbusRequestContext, type ModbusServerCounters } from "@batt/modbus-rtu";
import { concatBytes } from "@batt/core";
import { encodePackFrames } from "../../eb90/eb90-pack-frames.js";
import { checkPbAddress } from "../../pb/pb-blocks.js";
import { frameTypeOfTrigger } from "../../pb/pb-trigger.js";
import { pbEb90State } from "./pb-eb90-state.js";
import { JkPbDevice, type JkPbPackOptions } from "./jk-pb-device.js";
import { ShapedLink } from "./shaped-link.js";

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
 * Virtual JK-PB packs on one RS-485 bus, answering trigger writes (FC 0x10 to 0x161C/0x161E/0x1620) with a
 * `55 AA EB 90` frame before the acknowledgement, and speaking standard Modbus RTU (FC 0x03 / 0x10) through
 * `ModbusServer`, each answering at its DIP address with byte-offset register addressing, live data
 * from its own pack model, writable settings, and the shared reply faults on request
 * ({@link DeviceSimulator.inject}: faults injected before an attachment act on the first replies
 * after it, and act together on a reply).
 *
 * @example
 * ```ts
 * const sim = new JkPbSimulator({ packs: [{ address: 1 }, { address: 2 }] }).attach(device);
 * const bus = new JkPbBus(host);
 * ```
 */
export class JkPbSimulator extends DeviceSimulator {
  /** The packs, by address. */
  readonly packs: ReadonlyMap<number, JkPbDevice>;
  /** The Modbus CRC ends the frame, high byte last: `corrupt-checksum` inverts it. */
  protected readonly checksumAt = 1;
  private readonly responseDelayMs: number;
  private server: ModbusServer | undefined;
  /** The `55 AA EB 90` frame that goes before the acknowledgement the server is about to send. */
  private framePrefix: Uint8Array | undefined;
  private frameCounter = 0;

  constructor(options: JkPbSimulatorOptions = {}) {
    super(options);
    const packs = new Map<number, JkPbDevice>();
    for (const pack of options.packs ?? [{ address: 1 }]) {
      checkPbAddress(pack.address);
      if (packs.has(pack.address)) throw new BattError("invalid-argument", `two packs at address ${pack.address}`);
      packs.set(pack.address, new JkPbDevice(pack));
    }
    this.packs = packs;
    this.responseDelayMs = options.responseDelayMs ?? 0;
  }

  /** The pack at `address`. */
  pack(address: number): JkPbDevice {
    const pack = this.packs.get(address);
    if (!pack) throw new BattError("not-found", `no simulated pack at address ${address}`);
    return pack;
  }

  /**
   * Starts answering on `transport` (open it first); replaces an earlier attachment.
   *
   * @throws BattError `not-open` when `transport` is not open.
   */
  override attach(transport: Transport): this {
    return super.attach(transport);
  }

  /** Request and reply totals of the server (undefined before {@link JkPbSimulator.attach}). */
  get counters(): ModbusServerCounters | undefined {
    return this.server?.counters;
  }

  /** Advances every pack by `ms` (deterministic). */
  step(ms: number): void {
    for (const pack of this.packs.values()) pack.step(ms);
  }

  /**
   * The `55 AA EB 90` frame of type `frameType` of the pack at `address` (settings, cell info or
   * device info, JK02 32-cell layout as JK-PB firmware sends it), as the JK-PB answers a trigger.
   */
  frameOf(address: number, frameType: number): Uint8Array {
    const pack = this.pack(address);
    pack.step(0);
    const frames = encodePackFrames(pbEb90State(pack), "jk02-32s", this.frameCounter++);
    return frameType === 0x01 ? frames.settings : frameType === 0x02 ? frames.cellInfo : frames.deviceInfo;
  }

  /** Serves the packs through a Modbus server whose replies are shaped by the injected faults. */
  protected listen(transport: Transport): Unsubscribe {
    // Borrowed: the caller opened the transport and closes it; detaching only lets go of it.
    // A trigger's answer is its frame, then the acknowledgement the Modbus server writes.
    const link = new ShapedLink(transport, this.clock, (reply) => {
      const prefix = this.framePrefix;
      this.framePrefix = undefined;
      return this.shape(prefix ? concatBytes(prefix, reply) : reply, this.responseDelayMs);
    }).borrow();
    const handler: ModbusHandler = {
      readHoldingRegisters: (address: number, count: number, context: ModbusRequestContext) => this.pack(context.unit).readRegisters(address, count),
      writeRegisters: (address: number, values: readonly number[], context: ModbusRequestContext) => {
        const frameType = frameTypeOfTrigger(address);
        if (frameType !== undefined && !context.broadcast) {
          this.framePrefix = this.frameOf(context.unit, frameType);
          return;
        }
        const targets = context.broadcast ? [...this.packs.values()] : [this.pack(context.unit)];
        for (const pack of targets) pack.writeRegisters(address, values);
      },
    };
    const server = new ModbusServer(link, { units: [...this.packs.keys()], handler, clock: this.clock });
    server.start();
    this.server = server;
    return () => {
      server.stop();
      void link.close();
      this.server = undefined;
    };
  }
}
