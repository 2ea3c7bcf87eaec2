import { BattError, isBattError, toBattError } from "@batt/core";
import type { JbdClient } from "./client.js";
import { FACTORY_ENTER_DATA, FACTORY_EXIT_DATA, FACTORY_SAVE_DATA, JbdRegister, JbdStatus } from "./constants.js";
import { sendPassword, type PasswordEncoding } from "./password.js";
import { hasJbdStatus } from "./status.js";

/** Default pause after a saving exit before the next request (OKA waits 3500 ms; docs/protocols/jbd.md#factory-mode). */
export const JBD_PAUSE_AFTER_SAVE_MS = 3500;

/** How to get into factory mode and what to do on the way out. */
export interface FactoryModeOptions {
  /** Password to send when entry is refused (sent only then, as JBDTools does). */
  readonly password?: string;
  /** Password byte encoding (default `raw`). */
  readonly passwordEncoding?: PasswordEncoding;
  /** Pause after a saving exit, ms (default {@link JBD_PAUSE_AFTER_SAVE_MS}). */
  readonly pauseAfterSaveMs?: number;
  /** Cancels the work inside; the exit is still sent. */
  readonly signal?: AbortSignal;
}

/** Handed to the body of {@link withFactoryMode}: decides how it ends. */
export interface FactoryScope {
  /** Whether a successful body ends with the saving exit `28 28` (default false: plain exit `00 00`). */
  save: boolean;
}

/**
 * Enters factory mode (register 0x00 = `56 78`). When the BMS refuses (0x81/0x83) and a
 * password is configured, sends it once and tries again; a 0x80 answer to the password means the
 * firmware has none, and the original refusal stands.
 */
export async function enterFactoryMode(client: JbdClient, options: FactoryModeOptions = {}): Promise<void> {
  try {
    await client.write(JbdRegister.FactoryEnter, FACTORY_ENTER_DATA, options.signal);
  } catch (error) {
    if (options.password === undefined || !hasJbdStatus(error, JbdStatus.NotPermitted, JbdStatus.PasswordError)) throw error;
    const accepted = await sendPassword(client, options.password, options.passwordEncoding ?? "raw", options.signal);
    if (!accepted) throw error;
    await client.write(JbdRegister.FactoryEnter, FACTORY_ENTER_DATA, options.signal);
  }
}

/**
 * Leaves factory mode through register 0x01: `28 28` commits to EEPROM (and resets the error
 * counters), `00 00` does not. Never takes a signal: the exit must go out even after an abort.
 */
export async function exitFactoryMode(client: JbdClient, save: boolean, pauseAfterSaveMs = JBD_PAUSE_AFTER_SAVE_MS): Promise<void> {
  await client.write(JbdRegister.FactoryExit, save ? FACTORY_SAVE_DATA : FACTORY_EXIT_DATA);
  if (save) client.holdFor(pauseAfterSaveMs);
}

/**
 * Runs `body` inside factory mode and always leaves it: with the saving exit when the body
 * succeeded and set `scope.save`, otherwise (error, abort, or no save) with the plain exit, in a
 * `finally`; the exit gets the client's retries like any request. If that exit fails as well, the
 * body's error says so in its message and in `context.factoryExit`: the BMS may still be in factory
 * mode, because no JBD firmware is known to leave it by itself (the next session's exit, or a power
 * cycle, ends it). When the entry itself fails without a refusal (a lost reply), a plain exit is
 * sent too, and its failure is reported the same way. Sessions are serialised on the client.
 */
export function withFactoryMode<T>(client: JbdClient, options: FactoryModeOptions, body: (scope: FactoryScope) => Promise<T>): Promise<T> {
  return client.exclusive.run(async () => {
    try {
      await enterFactoryMode(client, options);
    } catch (error) {
      // A refusal leaves the BMS outside factory mode; after a lost reply it may be inside.
      if (isBattError(error, "device-exception")) throw error;
      const exitFailure = await exitFactoryMode(client, false).then(
        () => undefined,
        (e: unknown) => e,
      );
      throw exitFailure === undefined ? error : exitFailed(error, exitFailure);
    }
    const scope: FactoryScope = { save: false };
    let exited = false;
    let exitFailure: unknown;
    try {
      try {
        const result = await body(scope);
        await exitFactoryMode(client, scope.save, options.pauseAfterSaveMs);
        exited = true;
        return result;
      } finally {
        if (!exited) {
          try {
            await exitFactoryMode(client, false);
          } catch (error) {
            exitFailure = error;
          }
        }
      }
    } catch (error) {
      if (exitFailure === undefined) throw error;
      throw exitFailed(error, exitFailure);
    }
  });
}

/** `error`, telling also that the exit from factory mode failed (`exitFailure`). */
function exitFailed(error: unknown, exitFailure: unknown): BattError {
  const cause = toBattError(error, "frame");
  const factoryExit = `failed: ${toBattError(exitFailure, "frame").message}; the BMS may still be in factory mode`;
  return new BattError(cause.code, `${cause.message}; leaving factory mode ${factoryExit}`, { cause, context: { ...cause.context, factoryExit } });
}
