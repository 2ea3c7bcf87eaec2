/** Running totals kept by a {@link RequestEngine}; read them with `engine.counters`. */
export interface EngineCounters {
  /** Request frames written (each retry counts again). */
  requests: number;
  /** Replies accepted. */
  replies: number;
  /** Attempts repeated after a failure. */
  retries: number;
  /** Attempts that ended without a reply before the deadline. */
  timeouts: number;
  /** Complete frames rejected because their checksum or CRC did not match. */
  checksumErrors: number;
  /** Replies that answered the request with an error: a device error (status byte, Modbus exception) or a mismatched echo. */
  deviceErrors: number;
  /** Bytes dropped while resynchronising, including stray bytes between transactions. */
  bytesSkipped: number;
  /** Valid frames that answered no pending request (late duplicates, device-initiated reports). */
  unsolicited: number;
  /** Requests cancelled by their `AbortSignal`. */
  aborted: number;
}

/** A zeroed {@link EngineCounters}. */
export function emptyCounters(): EngineCounters {
  return {
    requests: 0,
    replies: 0,
    retries: 0,
    timeouts: 0,
    checksumErrors: 0,
    deviceErrors: 0,
    bytesSkipped: 0,
    unsolicited: 0,
    aborted: 0,
  };
}
