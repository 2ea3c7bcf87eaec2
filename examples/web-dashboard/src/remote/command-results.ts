import { BattError, ErrorCode, systemClock, type Clock } from "@batt/core";
import { parseJsonObject } from "./json-object.js";

/** What the gateway publishes on `<device>/result` after every command (packages/gateway/src/gateway.ts, onCommand). */
export interface CommandResult {
  /** Whether the device applied the command and read it back. */
  readonly ok: boolean;
  /** The control key. */
  readonly control: string;
  /** The command payload, trimmed. */
  readonly value: string;
  /** Why not, when not ok. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** Parses a result message; undefined for anything else. */
export function readCommandResult(payload: string): CommandResult | undefined {
  const r = parseJsonObject(payload);
  if (!r || typeof r["ok"] !== "boolean" || typeof r["control"] !== "string" || typeof r["value"] !== "string") return undefined;
  const error = r["error"] as Record<string, unknown> | undefined;
  return {
    ok: r["ok"],
    control: r["control"],
    value: r["value"],
    ...(error && typeof error["message"] === "string" ? { error: { code: typeof error["code"] === "string" ? error["code"] : "device-exception", message: error["message"] } } : {}),
  };
}

interface Pending {
  readonly control: string;
  readonly value: string;
  readonly settle: (error?: BattError) => void;
}

/**
 * The commands of one device waiting for the gateway's answer. Results carry no request id, so each
 * is matched to the oldest command with the same control and payload.
 */
export class PendingCommands {
  private readonly pending: Pending[] = [];

  constructor(private readonly clock: Clock = systemClock) {}

  /**
   * Waits for the result of a command about to be published. Resolves when the gateway reports the
   * device confirmed it; rejects with the gateway's error, after `deadlineMs`, or when `signal` aborts.
   */
  wait(control: string, value: string, deadlineMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => entry.settle(new BattError("aborted", `${control}: abandoned; the gateway may still apply it`));
      const timer = this.clock.setTimer(
        () => entry.settle(new BattError("timeout", `${control}: the gateway did not confirm the command within ${Math.round(deadlineMs / 1000)} s`)),
        deadlineMs,
      );
      const entry: Pending = {
        control,
        value,
        settle: (error) => {
          const at = this.pending.indexOf(entry);
          if (at < 0) return;
          this.pending.splice(at, 1);
          this.clock.clearTimer(timer);
          signal?.removeEventListener("abort", onAbort);
          if (error) reject(error);
          else resolve();
        },
      };
      this.pending.push(entry);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Settles the oldest command the result answers; returns whether one did. */
  settle(result: CommandResult): boolean {
    const entry = this.pending.find((p) => p.control === result.control && p.value === result.value);
    if (!entry) return false;
    entry.settle(result.ok ? undefined : new BattError(isKnownCode(result.error?.code) ? result.error.code : "device-exception", result.error?.message ?? `${result.control}: refused`));
    return true;
  }

  /** Fails every waiting command (the broker connection is gone: their outcome is unknown). */
  failAll(error: BattError): void {
    for (const entry of [...this.pending]) entry.settle(error);
  }
}

const CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** Whether the gateway's error code is one of ours (it is the same code list: the gateway is @batt too). */
function isKnownCode(code: string | undefined): code is ErrorCode {
  return code !== undefined && CODES.has(code);
}
