import {
  BattError,
  RequestEngine,
  systemClock,
  toBattError,
  waitFor,
  type Clock,
  type EngineCounters,
  type MatchResult,
  type RequestEngineOptions,
  type RetryPolicy,
  type Transport,
} from "@batt/core";
import { untilSettledOrAborted } from "./abort-race.js";
import { ModbusExceptionError } from "./exception.js";
import type { ModbusFrame, ModbusFraming, ReplyUnit } from "./frame.js";
import { EXCEPTION_FLAG, formatFunctionCode } from "./function-code.js";
import { checkUnit } from "./limits.js";
import type { ModbusRequest, ModbusResponse, ResponseFor } from "./pdu.js";
import { expectedReplyPduLength } from "./pdu-length.js";
import { lengthTolerantParser, replyFromOtherUnit, unexpectedLength } from "./reply-check.js";
import { encodeRequest } from "./request-codec.js";
import { isWriteRequest } from "./request-kinds.js";
import { decodeResponse } from "./response-codec.js";
import { encodeRtuFrame, RTU_OVERHEAD } from "./rtu-frame.js";
import { rtuReplyParser, rtuResponseParser } from "./rtu-reply-parser.js";
import { rtuTiming, type RtuTiming } from "./rtu-timing.js";
import { encodeTcpFrame, tcpFrameParser } from "./tcp-frame.js";

/** Options for {@link ModbusClient}. */
export interface ModbusClientOptions {
  /** `rtu` for serial lines and transparent gateways, `tcp` for Modbus TCP (MBAP) links (default: `tcp` when the transport says its framing is `modbus-tcp`, else `rtu`). */
  readonly framing?: ModbusFraming;
  /** Reply deadline in ms (default 1000); on RTU the wire time of request and reply is added. */
  readonly timeoutMs?: number;
  /** Retry policy (default: none). */
  readonly retry?: RetryPolicy;
  /** Least time between the end of a reply and the next request in ms; on RTU at least t3.5 (default 0). */
  readonly minGapMs?: number;
  /**
   * Line silence before each RTU request in ms (default: t3.5 from the baud rate, as the serial-line
   * specification asks). 0 drops it, for links that delimit frames by other means: a pseudo-terminal,
   * a TCP gateway, a USB adapter whose latency already exceeds t3.5.
   */
  readonly silenceMs?: number;
  /** Line speed for RTU timing (default `transport.info.baudRate`; without one, no t3.5 and no wire time). */
  readonly baudRate?: number;
  /**
   * Time in ms after a broadcast before the next request, so every unit can carry it out (RTU "turnaround
   * delay", typically 100..200 ms; default 100). The broadcast's wire time is added.
   */
  readonly turnaroundMs?: number;
  /** Quiet-period drain after a timeout (see `RequestEngineOptions.drain`). */
  readonly drain?: RequestEngineOptions<ModbusFrame>["drain"];
  /** Time source (default: the system clock). */
  readonly clock?: Clock;
}

/** Options for one client call. */
export interface ModbusCallOptions {
  /** Cancels the call, whether queued or in flight. */
  readonly signal?: AbortSignal;
  /** Reply deadline in ms for this call (default: the client's). */
  readonly timeoutMs?: number;
  /**
   * The unit the reply must come from (default: the unit asked). A device that answers requests to
   * a shared address from its own address needs its address here, or `any`; see {@link ModbusClient.exchange}.
   */
  readonly replyUnit?: ReplyUnit;
}

/** A checked, decoded reply and the unit it came from. */
export interface UnitReply<R> {
  /** The response. */
  readonly response: R;
  /** Address byte (unit id) of the reply. */
  readonly unit: number;
}

const DEFAULT_TURNAROUND_MS = 100;

/**
 * A Modbus client (master) over any {@link Transport}, RTU or TCP framing.
 *
 * Every call is checked against the protocol limits before anything is sent (`invalid-argument`);
 * replies are matched by unit and function (and transaction id on TCP), their CRC and layout are
 * checked before decoding, and write echoes must match the request (`unexpected-reply`).
 * An exception reply rejects with `device-exception`, `context.deviceCode` = the exception code.
 * On RTU, unit 0 is broadcast: writes only, sent without waiting for a reply.
 *
 * @example
 * ```ts
 * const client = new ModbusClient(port, { timeoutMs: 1000 });
 * const [raw] = await client.readInputRegisters(1, 0x30a0, 1); // battery voltage × 100
 * await client.writeSingleCoil(1, 0, true);
 * ```
 */
export class ModbusClient {
  /** The request engine that owns the transport (queue, deadlines, retries, counters, traces). */
  readonly engine: RequestEngine<ModbusFrame>;
  /** The framing in use. */
  readonly framing: ModbusFraming;
  /** RTU line timing, when the baud rate is known. */
  readonly timing: RtuTiming | undefined;

  private readonly timeoutMs: number;
  private readonly turnaroundMs: number;
  private readonly clock: Clock;
  private transactionId = 0;
  private barrier: Promise<void> | undefined;

  constructor(
    /** The link; open it before the first call. */
    readonly transport: Transport,
    options: ModbusClientOptions = {},
  ) {
    // A driver that knows nothing of the link (a device package's) then speaks MBAP to a Modbus TCP server.
    this.framing = options.framing ?? (transport.info.framing === "modbus-tcp" ? "tcp" : "rtu");
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.turnaroundMs = options.turnaroundMs ?? DEFAULT_TURNAROUND_MS;
    this.clock = options.clock ?? systemClock;
    const baudRate = options.baudRate ?? transport.info.baudRate;
    this.timing =
      this.framing === "rtu" && baudRate !== undefined
        ? rtuTiming({ baudRate, dataBits: transport.info.dataBits, parity: transport.info.parity, stopBits: transport.info.stopBits })
        : undefined;
    this.engine = new RequestEngine<ModbusFrame>(transport, {
      parser: this.framing === "rtu" ? rtuResponseParser : tcpFrameParser,
      minGapMs: Math.max(options.silenceMs ?? this.timing?.t35Ms ?? 0, options.minGapMs ?? 0),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.drain ? { drain: options.drain } : {}),
      clock: this.clock,
    });
  }

  /** Running totals of the engine (requests, replies, retries, timeouts, CRC errors, skipped bytes…). */
  get counters(): EngineCounters {
    return this.engine.counters;
  }

  /** 0x01: reads `count` (1..2000) coils from `address`. */
  async readCoils(unit: number, address: number, count: number, options?: ModbusCallOptions): Promise<boolean[]> {
    return [...(await this.request(unit, { kind: "read-coils", address, count }, options)).values];
  }

  /** 0x02: reads `count` (1..2000) discrete inputs from `address`. */
  async readDiscreteInputs(unit: number, address: number, count: number, options?: ModbusCallOptions): Promise<boolean[]> {
    return [...(await this.request(unit, { kind: "read-discrete-inputs", address, count }, options)).values];
  }

  /** 0x03: reads `count` (1..125) holding registers from `address`. */
  async readHoldingRegisters(unit: number, address: number, count: number, options?: ModbusCallOptions): Promise<number[]> {
    return [...(await this.request(unit, { kind: "read-holding-registers", address, count }, options)).values];
  }

  /** 0x04: reads `count` (1..125) input registers from `address`. */
  async readInputRegisters(unit: number, address: number, count: number, options?: ModbusCallOptions): Promise<number[]> {
    return [...(await this.request(unit, { kind: "read-input-registers", address, count }, options)).values];
  }

  /** 0x05: switches one coil on or off (unit 0 on RTU: broadcast). */
  writeSingleCoil(unit: number, address: number, value: boolean, options?: ModbusCallOptions): Promise<void> {
    return this.write(unit, { kind: "write-single-coil", address, value }, options);
  }

  /** 0x06: writes one holding register, 0..65535 (unit 0 on RTU: broadcast). */
  writeSingleRegister(unit: number, address: number, value: number, options?: ModbusCallOptions): Promise<void> {
    return this.write(unit, { kind: "write-single-register", address, value }, options);
  }

  /** 0x0F: writes 1..1968 coils from `address` (unit 0 on RTU: broadcast). */
  writeMultipleCoils(unit: number, address: number, values: readonly boolean[], options?: ModbusCallOptions): Promise<void> {
    return this.write(unit, { kind: "write-multiple-coils", address, values }, options);
  }

  /** 0x10: writes 1..123 holding registers from `address` (unit 0 on RTU: broadcast). */
  writeMultipleRegisters(unit: number, address: number, values: readonly number[], options?: ModbusCallOptions): Promise<void> {
    return this.write(unit, { kind: "write-multiple-registers", address, values }, options);
  }

  /** 0x17: writes 1..121 registers at `writeAddress`, then reads `readCount` (1..125) from `readAddress`. */
  async readWriteMultipleRegisters(
    unit: number,
    readAddress: number,
    readCount: number,
    writeAddress: number,
    values: readonly number[],
    options?: ModbusCallOptions,
  ): Promise<number[]> {
    const reply = await this.request(unit, { kind: "read-write-multiple-registers", readAddress, readCount, writeAddress, values }, options);
    return [...reply.values];
  }

  /**
   * Sends any request to one unit and resolves with its checked, decoded reply.
   *
   * @throws BattError `invalid-argument` (limits, unit 0 on RTU), `timeout`, `checksum`, `frame`,
   *   `unexpected-reply`, `device-exception`, `aborted`, `disconnected`, `not-open`.
   */
  async request<R extends ModbusRequest>(unit: number, request: R, options: ModbusCallOptions = {}): Promise<ResponseFor<R["kind"]>> {
    return (await this.exchange(unit, request, options)).response;
  }

  /**
   * Sends any request to one unit and resolves with its checked, decoded reply and the unit that
   * sent it, which differs from `unit` when `options.replyUnit` allows it (a request to a wildcard
   * address answered from the device's own address).
   *
   * @throws BattError as {@link ModbusClient.request}.
   * @example const { unit } = await client.exchange(0xfe, { kind: "read-input-registers", address: 0x3030, count: 43 }, { replyUnit: "any" });
   */
  async exchange<R extends ModbusRequest>(unit: number, request: R, options: ModbusCallOptions = {}): Promise<UnitReply<ResponseFor<R["kind"]>>> {
    checkUnit(unit);
    const replyUnit = options.replyUnit ?? unit;
    if (replyUnit !== "any") checkUnit(replyUnit);
    if (unit === 0 && this.framing === "rtu") {
      throw new BattError("invalid-argument", "unit 0 is the RTU broadcast address: only writes may be broadcast, and they get no reply");
    }
    const pdu = encodeRequest(request);
    if (this.barrier) await untilSettledOrAborted(this.barrier, options.signal);
    const functionCode = pdu[0]!;
    const transactionId = this.nextTransactionId();
    let reply: UnitReply<ModbusResponse> | undefined;
    const replyPduLength = expectedReplyPduLength(request);
    /** A reply to our function from another unit: reported if ours never comes. */
    let otherUnit: number | undefined;
    const match = (frame: ModbusFrame): MatchResult => {
      if ((frame.pdu[0]! & ~EXCEPTION_FLAG) !== functionCode) return "ignore";
      if (frame.framing === "tcp" && frame.transactionId !== transactionId) return "ignore";
      if (replyUnit !== "any" && frame.unit !== replyUnit) {
        otherUnit = frame.unit;
        return "ignore";
      }
      if (frame.framing === "rtu" && frame.pdu[0] === functionCode && frame.pdu.length !== replyPduLength) return unexpectedLength(frame, replyPduLength);
      let decoded: ModbusResponse;
      try {
        decoded = decodeResponse(frame.pdu, request);
      } catch (error) {
        return toBattError(error, "frame");
      }
      if (decoded.kind === "exception") {
        return new ModbusExceptionError(decoded.exceptionCode, `unit ${frame.unit} function ${formatFunctionCode(functionCode)}`, { unit: frame.unit, functionCode });
      }
      reply = { response: decoded, unit: frame.unit };
      return "reply";
    };
    const timeoutMs = (options.timeoutMs ?? this.timeoutMs) + this.wireMs(pdu.length + RTU_OVERHEAD) + this.wireMs(replyPduLength + RTU_OVERHEAD);
    const parser = lengthTolerantParser(rtuReplyParser({ unit: replyUnit, functionCode, pduLength: replyPduLength }), replyUnit, functionCode, replyPduLength);
    try {
      await this.engine.request({
        request: this.framing === "rtu" ? encodeRtuFrame(unit, pdu) : encodeTcpFrame({ transactionId, unit, pdu }),
        match,
        ...(this.framing === "rtu" ? { parser } : {}),
        timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (otherUnit !== undefined && replyUnit !== "any" && error instanceof BattError && error.code === "timeout") throw replyFromOtherUnit(error, otherUnit, replyUnit);
      throw error;
    }
    return reply as UnitReply<ResponseFor<R["kind"]>>;
  }

  /**
   * Broadcasts a write to every unit on an RTU line (unit 0): sent in turn with the other requests,
   * no reply awaited; the next request waits for the turnaround delay.
   *
   * @throws BattError `invalid-argument` for a read, for TCP framing, or for values outside the limits.
   */
  async broadcast(request: ModbusRequest, options: Pick<ModbusCallOptions, "signal"> = {}): Promise<void> {
    if (this.framing !== "rtu") throw new BattError("invalid-argument", "Modbus TCP has no broadcast");
    if (!isWriteRequest(request)) throw new BattError("invalid-argument", `${request.kind} cannot be broadcast: nobody would answer`);
    const frame = encodeRtuFrame(0, encodeRequest(request));
    if (this.barrier) await untilSettledOrAborted(this.barrier, options.signal);
    const sent = this.engine.announce({ request: frame, ...(options.signal ? { signal: options.signal } : {}) });
    const barrier = sent.then(
      () => waitFor(this.clock, this.turnaroundMs + this.wireMs(frame.length)),
      () => undefined,
    );
    this.barrier = barrier;
    void barrier.then(() => {
      if (this.barrier === barrier) this.barrier = undefined;
    });
    await sent;
  }

  /** Detaches from the transport and fails queued calls with `not-open`. The transport stays open. */
  dispose(): void {
    this.engine.dispose();
  }

  private async write(unit: number, request: ModbusRequest, options?: ModbusCallOptions): Promise<void> {
    if (unit === 0 && this.framing === "rtu") {
      await this.broadcast(request, options);
      return;
    }
    await this.request(unit, request, options);
  }

  private nextTransactionId(): number {
    this.transactionId = (this.transactionId + 1) & 0xffff;
    return this.transactionId;
  }

  private wireMs(bytes: number): number {
    return this.timing ? this.timing.frameMs(bytes) : 0;
  }
}
