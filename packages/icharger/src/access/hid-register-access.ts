import { Listeners, RequestEngine, toBattError, type BattError, type Clock, type EngineCounters, type MatchResult, type Transport, type Unsubscribe } from "@batt/core";
import { decodeResponse, encodeRequest, ModbusExceptionError, type ModbusRequest, type ModbusResponse } from "@batt/modbus-rtu";
import { encodeHidReport, hidReportParser, type HidReport } from "../hid/hid-report.js";
import { decodeLogView, type LogViewReport } from "../hid/logview.js";
import { checkReadCount, checkWriteCount } from "./limits.js";
import type { AccessCallOptions, RegisterAccess, RegisterTable } from "./register-access.js";

/** Options for {@link HidRegisterAccess}. */
export interface HidRegisterAccessOptions {
  /** Reply deadline in ms (default 1000, docs/protocols/icharger.md#timing). */
  readonly timeoutMs?: number;
  /** Least time between the end of one transaction and the next request, ms (default 0). */
  readonly minGapMs?: number;
  /** Time source (default: the system clock). */
  readonly clock?: Clock;
  /** Quiet-period drain after a timeout (see `RequestEngineOptions.drain`). */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
}

/**
 * Modbus over the iCharger's 64-byte HID reports (docs/protocols/icharger.md#hid-report-frame): `LEN 0x30 PDU`, no address, no CRC,
 * encoded and checked with the Modbus PDU codec. A reply is read up to its length byte only. LogView
 * reports that arrive while a reply is awaited are not taken for it: they go to {@link onLog}.
 */
export class HidRegisterAccess implements RegisterAccess {
  /** Always `hid`. */
  readonly kind = "hid" as const;
  /** The request engine that owns the transport. */
  readonly engine: RequestEngine<HidReport>;
  private readonly logListeners = new Listeners<LogViewReport>();
  private readonly logErrorListeners = new Listeners<Error>();
  private readonly unsubscribe: Unsubscribe;

  constructor(
    /** A `packet` transport delivering one 64-byte report per chunk (report ID removed). */
    readonly transport: Transport,
    options: HidRegisterAccessOptions = {},
  ) {
    this.engine = new RequestEngine<HidReport>(transport, {
      parser: hidReportParser,
      mode: "packet",
      timeoutMs: options.timeoutMs ?? 1000,
      ...(options.minGapMs !== undefined ? { minGapMs: options.minGapMs } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.drain ? { drain: options.drain } : {}),
    });
    this.unsubscribe = this.engine.onUnsolicited(({ frame }) => {
      if (frame.kind !== "logview") return;
      try {
        this.logListeners.emit(decodeLogView(frame.bytes));
      } catch (error) {
        this.logErrorListeners.emit(error as Error);
      }
    });
  }

  /** {@inheritDoc RegisterAccess.description} */
  get description(): string {
    return this.transport.info.description ?? "hid";
  }

  /** {@inheritDoc RegisterAccess.counters} */
  get counters(): EngineCounters {
    return this.engine.counters;
  }

  /** {@inheritDoc RegisterAccess.read} */
  async read(table: RegisterTable, address: number, count: number, options: AccessCallOptions = {}): Promise<number[]> {
    checkReadCount(count);
    const kind = table === "input" ? "read-input-registers" : "read-holding-registers";
    const response = await this.call({ kind, address, count }, options);
    return response.kind === kind ? [...response.values] : [];
  }

  /** {@inheritDoc RegisterAccess.write} */
  async write(address: number, values: readonly number[], options: AccessCallOptions = {}): Promise<void> {
    checkWriteCount(values.length);
    await this.call({ kind: "write-multiple-registers", address, values }, options);
  }

  /** {@inheritDoc RegisterAccess.onLog} */
  onLog(listener: (report: LogViewReport) => void): Unsubscribe {
    return this.logListeners.add(listener);
  }

  /** {@inheritDoc RegisterAccess.onLogError} */
  onLogError(listener: (error: Error) => void): Unsubscribe {
    return this.logErrorListeners.add(listener);
  }

  /** {@inheritDoc RegisterAccess.dispose} */
  dispose(): void {
    this.unsubscribe();
    this.engine.dispose();
  }

  private async call(request: ModbusRequest, options: AccessCallOptions): Promise<ModbusResponse> {
    const pdu = encodeRequest(request);
    const functionCode = pdu[0]!;
    let response: ModbusResponse | undefined;
    const match = (frame: HidReport): MatchResult => {
      if (frame.kind !== "modbus" || (frame.pdu[0]! & 0x7f) !== functionCode) return "ignore";
      let decoded: ModbusResponse;
      try {
        decoded = decodeResponse(frame.pdu, request);
      } catch (error) {
        return toBattError(error, "frame");
      }
      if (decoded.kind === "exception") {
        return new ModbusExceptionError(decoded.exceptionCode, `function 0x${functionCode.toString(16).padStart(2, "0")} at 0x${startOf(request).toString(16)}`);
      }
      response = decoded;
      return "reply";
    };
    try {
      await this.engine.request({
        request: encodeHidReport(pdu),
        match,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      throw describe(error, request);
    }
    return response!;
  }
}

function startOf(request: ModbusRequest): number {
  return "address" in request ? request.address : 0;
}

/** Adds the register range to a failure, so a log says what was being read or written. */
function describe(error: unknown, request: ModbusRequest): BattError {
  const battError = toBattError(error, "frame");
  const count = "count" in request ? request.count : "values" in request ? request.values.length : 1;
  return battError.withContext({ address: startOf(request), count, kind: request.kind });
}
