import { RequestEngine, resolveLinkOptions, type EngineCounters, type LinkOptions, type MatchResult, type Transport } from "@batt/core";
import { JkCommand, JkSource } from "./constants.js";
import { encodeActivateRequest, encodePasswordRequest, encodeReadAllRequest, encodeReadRequest, encodeWriteRequest } from "./encode.js";
import type { JkReplyFrame } from "./frame.js";
import { JK_LINK_DEFAULTS } from "./link-defaults.js";
import { createJkParser } from "./parser.js";

/** Link options of {@link JkClient}; defaults in {@link JK_LINK_DEFAULTS}. */
export interface JkClientOptions extends LinkOptions {
  /** Frame source put in requests (default {@link JkSource.Pc}; ESPHome uses `Gps`). */
  readonly source?: number;
  /** Quiet-period drain after a timeout (see `RequestEngineOptions.drain`). */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
  /** Largest frame LENGTH accepted (default 512). */
  readonly maxFrameLength?: number;
}

/**
 * The request/response layer of the 4E57 protocol: one `RequestEngine` over the transport (one
 * request in flight, deadlines, retries, the 100 ms gap), replies matched by command word and
 * identifier. Frames that are not the answer (active uploads, stale replies) are unsolicited.
 */
export class JkClient {
  /** The engine (counters, traces, unsolicited frames). */
  readonly engine: RequestEngine<JkReplyFrame>;
  /** Frame source used in requests. */
  readonly source: number;

  constructor(transport: Transport, options: JkClientOptions = {}) {
    this.source = options.source ?? JkSource.Pc;
    this.engine = new RequestEngine<JkReplyFrame>(transport, {
      parser: createJkParser<JkReplyFrame>({ side: "reply", ...(options.maxFrameLength ? { maxLength: options.maxFrameLength } : {}) }),
      ...resolveLinkOptions(options, JK_LINK_DEFAULTS),
    });
  }

  /** Running totals of the engine. */
  get counters(): EngineCounters {
    return this.engine.counters;
  }

  /** Read all (command 06); the reply's command may be 06 or 03 (docs/protocols/jk.md#quirks, item 4). */
  readAll(signal?: AbortSignal): Promise<JkReplyFrame> {
    return this.transact(encodeReadAllRequest(this.source), (f) => f.command === JkCommand.ReadAll || f.command === JkCommand.Read, signal);
  }

  /** Reads one identifier (command 03); the reply echoes the identifier. */
  read(identifier: number, signal?: AbortSignal): Promise<JkReplyFrame> {
    return this.transact(encodeReadRequest(identifier, this.source), (f) => f.command === JkCommand.Read && f.info[0] === identifier, signal);
  }

  /** Writes value bytes to an identifier (command 02); the reply echoes the identifier. */
  write(identifier: number, value: Uint8Array, signal?: AbortSignal): Promise<JkReplyFrame> {
    return this.transact(encodeWriteRequest(identifier, value, this.source), (f) => f.command === JkCommand.Write && f.info[0] === identifier, signal);
  }

  /** Sends the password / pairing frame (command 05), which gets no reply. */
  password(signal?: AbortSignal): Promise<void> {
    return this.engine.announce({ request: encodePasswordRequest(this.source), ...(signal ? { signal } : {}) });
  }

  /** Sends the activation frame (command 01) that wakes a hibernating BMS; no reply is awaited. */
  activate(signal?: AbortSignal): Promise<void> {
    return this.engine.announce({ request: encodeActivateRequest(this.source), ...(signal ? { signal } : {}) });
  }

  /** Detaches from the transport (which stays open). */
  dispose(): void {
    this.engine.dispose();
  }

  private transact(request: Uint8Array, accept: (frame: JkReplyFrame) => boolean, signal: AbortSignal | undefined): Promise<JkReplyFrame> {
    const match = (frame: JkReplyFrame): MatchResult => (frame.transmission === "response" && accept(frame) ? "reply" : "ignore");
    return this.engine.request({ request, match, ...(signal ? { signal } : {}) });
  }
}
