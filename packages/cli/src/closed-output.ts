/** A stream that reports write failures as `error` events (`process.stdout`, `process.stderr`). */
export interface ErrorEmitter {
  /** Listens for the stream's errors. */
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** Whether the output a program writes to went away ({@link watchClosedOutput}). */
export interface ClosedOutput {
  /** True once a reader closed its end (`batt monitor … | head -1`). */
  readonly closed: boolean;
}

/** Errors that mean the reader closed its end of the pipe, or the stream was already torn down after that. */
const CLOSED_CODES = new Set(["EPIPE", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END"]);

/**
 * Treats a closed output (the reader of a pipe went away, as `head -1` does) as the normal end of
 * output: calls `onClosed` once, so the command can stop, instead of the unhandled `write EPIPE`
 * that would crash the process with a stack trace. Other stream errors are rethrown as before.
 */
export function watchClosedOutput(streams: readonly ErrorEmitter[], onClosed: () => void): ClosedOutput {
  const state = { closed: false };
  for (const stream of streams) {
    stream.on("error", (error: Error) => {
      if (!CLOSED_CODES.has((error as { code?: string }).code ?? "")) throw error;
      if (state.closed) return;
      state.closed = true;
      onClosed();
    });
  }
  return state;
}
