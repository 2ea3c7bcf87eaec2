import { BattError, waitFor, type Transport, type Unsubscribe } from "@batt/core";
import { DeviceSimulator, type DeviceSimulatorOptions, type ReplyPiece } from "@batt/core/simulator";
import { ModbusServer, type ModbusServerCounters, type ModbusServerOptions } from "./modbus-server.js";

/** Options every {@link ModbusSimulator} takes. */
export interface ModbusSimulatorOptions extends DeviceSimulatorOptions {
  /** Simulated latency before each reply, ms (default 0). */
  readonly responseDelayMs?: number;
}

/** What a simulated device answers: its units, their data, and the address replies come from. */
export type ModbusServing = Pick<ModbusServerOptions, "units" | "handler" | "replyUnit">;

/**
 * The hosting of a simulated Modbus RTU device, for device packages to extend: core's
 * `DeviceSimulator` (clock, `step`/`start`/`stop`, `inject` with the shared `ReplyFault` kinds)
 * answering through a {@link ModbusServer} on the transport it is attached to. Each reply frame is
 * shaped by the injected faults before it goes out: `corrupt-checksum` inverts the CRC's last
 * (high) byte, `garbage-before` sends bytes ahead of the frame, `silence`, `truncate`, `split` and
 * `delay` as everywhere. A subclass says what it serves and how its model advances.
 *
 * @typeParam DeviceFault - The device's own fault kinds beside the shared ones (default none).
 * @example
 * ```ts
 * class CounterSimulator extends ModbusSimulator {
 *   readonly bank = new RegisterBank({ inputRegisters: 1 });
 *   step(ms: number): void {}
 *   protected serving(): ModbusServing {
 *     return { units: 1, handler: this.bank };
 *   }
 * }
 * const sim = new CounterSimulator().attach(device);
 * sim.inject({ kind: "corrupt-checksum" }); // the next reply fails its CRC check
 * ```
 */
export abstract class ModbusSimulator<DeviceFault extends { readonly kind: string } = never> extends DeviceSimulator<DeviceFault> {
  /** The Modbus CRC's high byte is the frame's last byte. */
  protected readonly checksumAt = 1;
  private readonly responseDelayMs: number;
  private server: ModbusServer | undefined;

  constructor(options: ModbusSimulatorOptions = {}) {
    super(options);
    this.responseDelayMs = options.responseDelayMs ?? 0;
  }

  /** Totals of the Modbus server (requests, exceptions, CRC errors…) since the last `attach`, undefined before it. */
  get counters(): ModbusServerCounters | undefined {
    return this.server?.counters;
  }

  /** The units the device answers, with what, and from which address (asked at each `attach`). */
  protected abstract serving(): ModbusServing;

  /**
   * Serves on `transport` until detached; replies go out shaped by the due faults.
   *
   * @throws BattError `not-open` when `transport` is not open.
   */
  protected listen(transport: Transport): Unsubscribe {
    if (!transport.isOpen) throw new BattError("not-open", "open the transport before attaching the simulator");
    const server = new ModbusServer(transport, {
      ...this.serving(),
      clock: this.clock,
      ...(this.responseDelayMs > 0 ? { responseDelayMs: this.responseDelayMs } : {}),
      writeReply: (frame) => this.send(transport, this.shape(frame)),
    });
    server.start();
    this.server = server;
    return () => {
      server.stop();
      if (this.server === server) this.server = undefined;
    };
  }

  /** Writes the pieces of a reply in order, each after its pause on the clock. */
  private async send(transport: Transport, pieces: readonly ReplyPiece[]): Promise<void> {
    for (const piece of pieces) {
      await waitFor(this.clock, piece.delayMs);
      await transport.write(piece.bytes);
    }
  }
}
