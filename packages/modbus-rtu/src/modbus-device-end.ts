import { type Transport } from "@batt/core";
import { FaultyTransport } from "@batt/core/testing";
import { ModbusServer, type ModbusServerCounters, type ModbusServerOptions } from "./modbus-server.js";
import { replyFaultRule, type ReplyFault } from "./reply-fault.js";

/**
 * The device end of a simulated Modbus device: a {@link ModbusServer} answering on a transport the
 * caller opened, through a `FaultyTransport` borrowed from it, so that the next replies can be
 * dropped or damaged ({@link ModbusDeviceEnd.inject}). Injected faults take turns: `silence` then
 * `bad-crc` loses one reply and garbles the next. Stopping leaves the transport open.
 *
 * @example
 * ```ts
 * const end = new ModbusDeviceEnd(device, { units: 1, handler: bank });
 * end.inject("silence"); // the next request gets no answer
 * end.stop();
 * ```
 */
export class ModbusDeviceEnd {
  /** The fault injector in front of the transport (its `hits` count the damaged replies). */
  readonly link: FaultyTransport;
  /** The server, started. */
  readonly server: ModbusServer;

  /** @throws BattError `not-open` when `transport` is not open. */
  constructor(transport: Transport, options: ModbusServerOptions) {
    this.link = new FaultyTransport(transport, { sequential: true, ...(options.clock ? { clock: options.clock } : {}) }).borrow();
    this.server = new ModbusServer(this.link, options);
    this.server.start();
  }

  /** Running totals of the server. */
  get counters(): ModbusServerCounters {
    return this.server.counters;
  }

  /** Applies `fault` to the next `times` replies (default 1; `Infinity` for every reply), after the faults injected before. */
  inject(fault: ReplyFault, times = 1): void {
    this.link.inject(replyFaultRule(fault, times));
  }

  /** Removes every pending fault. */
  clearFaults(): void {
    this.link.clear();
  }

  /** Stops answering and lets go of the transport, which stays open. */
  stop(): void {
    this.server.stop();
    void this.link.close();
  }
}
