import { once } from "node:events";
import type { Transport } from "@batt/core";
import type { CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { TapTransport } from "../trace.js";

/**
 * Announces a running simulator on stderr, waits for Ctrl-C, then stops it. Resolves with the
 * interrupted exit code, as a server that ran until it was stopped does.
 */
export async function serveUntilAborted(context: CommandContext, what: string, stop: () => Promise<void>): Promise<number> {
  context.out.note(`${what}; Ctrl-C to stop`);
  try {
    if (!context.signal.aborted) await once(context.signal, "abort");
  } finally {
    await stop();
  }
  return ExitCode.Interrupted;
}

/** The simulator's transport, traced on stderr with `--verbose`. */
export function tapped(context: CommandContext, transport: Transport): Transport {
  return context.out.verbose ? new TapTransport(transport, (line) => context.out.trace(line)) : transport;
}
