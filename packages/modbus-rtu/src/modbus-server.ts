import {
  FrameDecoder,
  systemClock,
  waitFor,
  type Clock,
  type DecodeEvent,
  type FrameParser,
  type Transport,
  type Unsubscribe,
} from "@batt/core";
import { ModbusException } from "./exception.js";
import type { ModbusFrame, ModbusFraming } from "./frame.js";
import { dispatchRequest, exceptionCodeFor } from "./handler-dispatch.js";
import type { ModbusHandler, ModbusRequestContext } from "./handler.js";
import type { ModbusRequest, ModbusResponse } from "./pdu.js";
import { decodeRequest } from "./request-codec.js";
import { isWriteRequest } from "./request-kinds.js";
import { encodeResponse } from "./response-codec.js";
import { encodeRtuFrame } from "./rtu-frame.js";
import { rtuRequestParser } from "./rtu-request-parser.js";
import { encodeTcpFrame, tcpFrameParser } from "./tcp-frame.js";

/** Options for {@link ModbusServer}. */
export interface ModbusServerOptions {
  /** The unit ids this server answers: one, a list, or a predicate. RTU broadcasts (unit 0) are always carried out. */
  readonly units: number | readonly number[] | ((unit: number) => boolean);
  /** Where the data lives. */
  readonly handler: ModbusHandler;
  /** `rtu` or `tcp` (default: `tcp` when the transport says its framing is `modbus-tcp`, else `rtu`). */
  readonly framing?: ModbusFraming;
  /** Time source for the response delay (default: the system clock). */
  readonly clock?: Clock;
  /** Simulated device latency before each reply, in ms (default 0). */
  readonly responseDelayMs?: number;
  /**
   * The unit a reply is sent from, given the unit the request was addressed to (default: the same).
   * A device that answers a shared address from its own: `(unit) => (unit === 0xfe ? own : unit)`.
   */
  readonly replyUnit?: (requestUnit: number) => number;
  /**
   * Called when a request fails with exception 04 (Server Device Failure): errors thrown by the handler
   * that are not Modbus exceptions, and reads that return the wrong number of values or values out of range.
   */
  readonly onHandlerError?: (error: unknown, request: ModbusRequest) => void;
  /**
   * Sends a reply frame (default: `transport.write`). A simulator shapes its replies here (drops,
   * damages, splits or delays them); a rejection counts as a write error.
   */
  readonly writeReply?: (frame: Uint8Array) => Promise<void>;
}

/** Running totals of a {@link ModbusServer}. */
export interface ModbusServerCounters {
  /** Requests addressed to this server (including broadcasts). */
  requests: number;
  /** Normal replies sent. */
  responses: number;
  /** Exception replies sent. */
  exceptions: number;
  /** Broadcasts carried out (or refused) without a reply. */
  broadcasts: number;
  /** Valid frames for other units. */
  ignored: number;
  /** Frames dropped for a bad CRC. */
  checksumErrors: number;
  /** Bytes dropped while resynchronising. */
  bytesSkipped: number;
  /** Replies that could not be written. */
  writeErrors: number;
}

/**
 * A Modbus server (slave) on any {@link Transport}: parses requests (RTU or TCP), answers the
 * configured units from a {@link ModbusHandler}, carries out RTU broadcasts without replying,
 * and answers errors with exception replies. Requests are served one at a time, in order.
 *
 * @example
 * ```ts
 * const bank = new RegisterBank({ inputRegisters: 0x10000 });
 * const server = new ModbusServer(device, { units: 1, handler: bank });
 * server.start();
 * ```
 */
export class ModbusServer {
  /** Running totals (live object). */
  readonly counters: ModbusServerCounters = {
    requests: 0,
    responses: 0,
    exceptions: 0,
    broadcasts: 0,
    ignored: 0,
    checksumErrors: 0,
    bytesSkipped: 0,
    writeErrors: 0,
  };

  private readonly framing: ModbusFraming;
  private readonly accepts: (unit: number) => boolean;
  private readonly clock: Clock;
  private readonly decoder: FrameDecoder<ModbusFrame>;
  private subscription: Unsubscribe | undefined;
  private work: Promise<void> = Promise.resolve();

  constructor(
    /** The link the requests arrive on; open it before requests are expected. */
    readonly transport: Transport,
    private readonly options: ModbusServerOptions,
  ) {
    this.framing = options.framing ?? (transport.info.framing === "modbus-tcp" ? "tcp" : "rtu");
    this.clock = options.clock ?? systemClock;
    const units = options.units;
    this.accepts = typeof units === "function" ? units : typeof units === "number" ? (u) => u === units : (u) => units.includes(u);
    const parser: FrameParser<ModbusFrame> = this.framing === "rtu" ? rtuRequestParser : tcpFrameParser;
    this.decoder = new FrameDecoder(parser, { mode: transport.kind });
  }

  /** Whether the server is listening. */
  get running(): boolean {
    return this.subscription !== undefined;
  }

  /** Starts listening (again). */
  start(): void {
    if (this.subscription) return;
    this.decoder.flush();
    this.subscription = this.transport.onData((chunk) => {
      for (const event of this.decoder.push(chunk)) this.handle(event);
    });
  }

  /** Stops listening; a request being served is not answered. The transport stays open. */
  stop(): void {
    this.subscription?.();
    this.subscription = undefined;
    this.decoder.flush();
  }

  private handle(event: DecodeEvent<ModbusFrame>): void {
    if (event.type === "skipped") {
      this.counters.bytesSkipped += event.bytes.length;
      if (event.code === "checksum") this.counters.checksumErrors++;
      return;
    }
    const frame = event.frame;
    // One request at a time, in order; a failure in one must not stop the ones after it.
    this.work = this.work.then(() => this.serve(frame)).catch(() => void this.counters.writeErrors++);
  }

  private async serve(frame: ModbusFrame): Promise<void> {
    const broadcast = frame.framing === "rtu" && frame.unit === 0;
    if (!broadcast && !this.accepts(frame.unit)) {
      this.counters.ignored++;
      return;
    }
    this.counters.requests++;
    if (broadcast) this.counters.broadcasts++;
    const context: ModbusRequestContext = { unit: frame.unit, functionCode: frame.pdu[0]!, broadcast };
    let response: ModbusResponse;
    try {
      const request = decodeRequest(frame.pdu);
      if (broadcast && !isWriteRequest(request)) return; // a broadcast read has nobody to answer to
      response = await this.execute(request, context);
    } catch (error) {
      response = { kind: "exception", functionCode: context.functionCode, exceptionCode: exceptionCodeFor(error) };
    }
    if (broadcast) return;
    if (this.options.responseDelayMs) await waitFor(this.clock, this.options.responseDelayMs);
    if (!this.running) return;
    const pdu = encodeResponse(response);
    const unit = this.options.replyUnit?.(frame.unit) ?? frame.unit;
    const bytes = frame.framing === "rtu" ? encodeRtuFrame(unit, pdu) : encodeTcpFrame({ transactionId: frame.transactionId, unit, pdu });
    try {
      await (this.options.writeReply ? this.options.writeReply(bytes) : this.transport.write(bytes));
      if (response.kind === "exception") this.counters.exceptions++;
      else this.counters.responses++;
    } catch {
      this.counters.writeErrors++;
    }
  }

  private async execute(request: ModbusRequest, context: ModbusRequestContext): Promise<ModbusResponse> {
    try {
      return await dispatchRequest(this.options.handler, request, context);
    } catch (error) {
      if (exceptionCodeFor(error) === ModbusException.ServerDeviceFailure && this.options.onHandlerError) this.options.onHandlerError(error, request);
      throw error;
    }
  }
}
