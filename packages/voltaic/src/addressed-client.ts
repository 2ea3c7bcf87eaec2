import { BattError, INCOMPLETE, toBattError, type FrameParser, type MatchResult } from "@batt/core";
import {
  checkUnit,
  decodeResponse,
  encodeRequest,
  encodeRtuFrame,
  EXCEPTION_FLAG,
  expectedReplyPduLength,
  formatFunctionCode,
  ModbusExceptionError,
  RTU_OVERHEAD,
  rtuReplyParser,
  type ModbusCallOptions,
  type ModbusClient,
  type ModbusFrame,
  type ModbusRequest,
  type ModbusResponse,
  type RegisterReader,
  type ResponseFor,
  type RtuFrame,
} from "@batt/modbus-rtu";

/** The unit a reply must come from: a unit id, or `any` (discovery through the wildcard address). */
export type ReplyUnit = number | "any";

/** A decoded reply and the unit that sent it. */
export interface AddressedReply<R> {
  /** The checked, decoded response. */
  readonly response: R;
  /** Address byte of the reply. */
  readonly unit: number;
}

/**
 * Requests to one unit whose replies may come from another address. The controller answers
 * requests to 0xFE from its own address (reference §7.2), which a plain `ModbusClient` call
 * rejects because it matches replies by the request's unit. When the two agree this is a plain
 * client call; otherwise the exchange goes through the client's request engine with a parser and
 * match that expect the reply unit (or any unit). CRC and layout are checked before decoding either way.
 */
export class AddressedClient {
  /** Address byte of the last reply. */
  lastReplyUnit: number | undefined;

  constructor(
    /** The client whose engine carries the requests (pacing, retries, counters). */
    readonly client: ModbusClient,
    /** Address the requests are sent to. */
    readonly unit: number,
    /** Address replies must come from (default: `unit`). */
    readonly replyUnit: ReplyUnit,
    /** Reply deadline in ms, before wire time. */
    readonly timeoutMs: number,
  ) {
    checkUnit(unit);
    if (unit === 0) throw new BattError("invalid-argument", "unit 0 is the RTU broadcast address and gets no reply");
    if (replyUnit !== "any") checkUnit(replyUnit);
  }

  /**
   * Sends one request and resolves with the decoded reply and its address.
   *
   * @throws BattError as `ModbusClient.request`: `timeout`, `checksum`, `device-exception`, `aborted`, …
   */
  async request<R extends ModbusRequest>(request: R, options: ModbusCallOptions = {}): Promise<AddressedReply<ResponseFor<R["kind"]>>> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const call = { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
    if (this.replyUnit === this.unit) {
      const response = await this.client.request(this.unit, request, call);
      this.lastReplyUnit = this.unit;
      return { response, unit: this.unit };
    }
    const pdu = encodeRequest(request);
    const functionCode = pdu[0]!;
    const pduLength = expectedReplyPduLength(request);
    const expected = this.replyUnit;
    let reply: { response: ModbusResponse; unit: number } | undefined;
    const match = (frame: ModbusFrame): MatchResult => {
      if ((expected !== "any" && frame.unit !== expected) || (frame.pdu[0]! & ~EXCEPTION_FLAG) !== functionCode) return "ignore";
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
    const wire = (bytes: number): number => this.client.timing?.frameMs(bytes) ?? 0;
    await this.client.engine.request({
      request: encodeRtuFrame(this.unit, pdu),
      match,
      parser: expected === "any" ? anyUnitReplyParser(functionCode, pduLength) : rtuReplyParser({ unit: expected, functionCode, pduLength }),
      timeoutMs: timeoutMs + wire(pdu.length + RTU_OVERHEAD) + wire(pduLength + RTU_OVERHEAD),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const got = reply!;
    this.lastReplyUnit = got.unit;
    return { response: got.response as ResponseFor<R["kind"]>, unit: got.unit };
  }

  /** The reads `readRegisterMap` needs, sent through {@link AddressedClient.request} (the unit argument is ignored). */
  registerReader(): RegisterReader {
    return {
      readHoldingRegisters: async (_unit, address, count, options) =>
        [...(await this.request({ kind: "read-holding-registers", address, count }, options)).response.values],
      readInputRegisters: async (_unit, address, count, options) =>
        [...(await this.request({ kind: "read-input-registers", address, count }, options)).response.values],
    };
  }
}

/** A reply parser that takes the unit from the first byte: replies to a wildcard request may come from any address. */
function anyUnitReplyParser(functionCode: number, pduLength: number): FrameParser<RtuFrame> {
  return {
    parse(buffer) {
      const unit = buffer[0];
      if (unit === undefined) return INCOMPLETE;
      return rtuReplyParser({ unit, functionCode, pduLength }).parse(buffer);
    },
  };
}
