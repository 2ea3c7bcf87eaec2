import { BattError, concatBytes, startTicker, waitFor, type Clock, type Ticker, type Transport, type Unsubscribe } from "@batt/core";
import { DeviceSimulator } from "@batt/core/simulator";
import { encodePackFrames } from "../../eb90/eb90-pack-frames.js";
import { encodePbAcknowledgement, encodeTriggerRequest, JK_PB_TRIGGERS } from "../../pb/pb-trigger.js";
import { JkPbDevice, type JkPbPackOptions } from "./jk-pb-device.js";
import { pbEb90State } from "./pb-eb90-state.js";

/** Options of {@link JkPbBusSimulator}. */
export interface JkPbBusSimulatorOptions {
  /** The master's pack (address 0); default a pack of the default options. */
  readonly master?: Omit<JkPbPackOptions, "address">;
  /** The packs the master polls (addresses 1..15; default packs 1 and 2). */
  readonly packs?: readonly JkPbPackOptions[];
  /** Time between the starts of two polling cycles, ms (default 1000). */
  readonly cycleMs?: number;
  /** Time source (default: the system clock). */
  readonly clock?: Clock;
}

const CELL = JK_PB_TRIGGERS.cellInfo.register;
const SETTINGS = JK_PB_TRIGGERS.settings.register;

/**
 * A JK-PB bus as a listener hears it: a master at address 0 sends its own cell info and settings
 * frames (each followed by its acknowledgement from address 0), then polls addresses 1..15 with
 * cell info triggers; the packs present answer with their frame and acknowledgement, the others stay
 * silent (as in the capture of jblance/mpp-solar utils/capture.log). Replies of the polled packs take
 * the shared reply faults ({@link DeviceSimulator.inject}). Frames come from {@link encodePackFrames}.
 */
export class JkPbBusSimulator extends DeviceSimulator {
  /** The master, address 0. */
  readonly master: JkPbDevice;
  /** The polled packs, by address. */
  readonly packs: ReadonlyMap<number, JkPbDevice>;
  /** The Modbus CRC of the acknowledgement ends each reply: `corrupt-checksum` inverts it. */
  protected readonly checksumAt = 1;
  private readonly cycleMs: number;
  private counter = 0;

  constructor(options: JkPbBusSimulatorOptions = {}) {
    super(options);
    this.master = new JkPbDevice({ ...options.master, address: 0 });
    const packs = new Map<number, JkPbDevice>();
    for (const pack of options.packs ?? [{ address: 1 }, { address: 2 }]) {
      if (!Number.isInteger(pack.address) || pack.address < 1 || pack.address > 15) throw new BattError("invalid-argument", `polled packs have addresses 1..15, got ${pack.address}`);
      if (packs.has(pack.address)) throw new BattError("invalid-argument", `two packs at address ${pack.address}`);
      packs.set(pack.address, new JkPbDevice(pack));
    }
    this.packs = packs;
    this.cycleMs = options.cycleMs ?? 1000;
  }

  /** Advances every pack by `ms`. */
  step(ms: number): void {
    this.master.step(ms);
    for (const pack of this.packs.values()) pack.step(ms);
  }

  /** Writes one polling cycle to `transport`: the master's broadcasts, then a trigger to each address 1..15 and the answers. */
  async cycle(transport: Transport): Promise<void> {
    const master = encodePackFrames(pbEb90State(this.master), "jk02-32s", this.counter++);
    await transport.write(concatBytes(master.cellInfo, encodePbAcknowledgement(0, CELL), master.settings, encodePbAcknowledgement(0, SETTINGS)));
    for (let address = 1; address <= 15; address++) {
      await transport.write(encodeTriggerRequest(address, CELL));
      const pack = this.packs.get(address);
      if (!pack) continue;
      const frames = encodePackFrames(pbEb90State(pack), "jk02-32s", this.counter++);
      for (const piece of this.shape(concatBytes(frames.cellInfo, encodePbAcknowledgement(address, CELL)))) {
        if (piece.delayMs > 0) await waitFor(this.clock, piece.delayMs);
        await transport.write(piece.bytes);
      }
    }
  }

  /** Polls on the clock every `cycleMs` until detached; a cycle still writing when the next is due is not overlapped. */
  protected listen(transport: Transport): Unsubscribe {
    let busy = false;
    const ticker: Ticker = startTicker(this.clock, this.cycleMs, () => {
      if (busy || !transport.isOpen) return;
      busy = true;
      this.cycle(transport)
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    });
    return () => ticker.stop();
  }
}
