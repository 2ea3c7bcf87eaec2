import { BattError, toBattError } from "@batt/core";
import type { JbdClient } from "./client.js";
import { u16Data } from "./encode.js";
import { withFactoryMode, type FactoryModeOptions } from "./factory-mode.js";
import { readRegister, readRegisters } from "./settings-reader.js";
import { decodeSetting, encodeSetting, insertField, type RegisterValue } from "./settings/convert.js";
import { checkRelations, relationPartners } from "./settings/relations.js";
import { findSetting, settingAddresses, settingsAt } from "./settings/table.js";
import type { SettingDef, SettingValue } from "./settings/types.js";
import { encodeStringRegister } from "./text.js";

/** Options for {@link writeSettings}. */
export interface SettingsWriteOptions extends FactoryModeOptions {
  /** Commit to EEPROM with the saving exit (default true); otherwise values last until the BMS restarts. */
  readonly save?: boolean;
}

/** One register that a write changes. */
export interface RegisterChange {
  /** Register address. */
  readonly address: number;
  /** Contents before. */
  readonly from: RegisterValue;
  /** Contents after. */
  readonly to: RegisterValue;
  /** The requested settings stored in this register. */
  readonly settings: readonly string[];
}

/** What {@link writeSettings} did. */
export interface SettingsWriteReport {
  /** Settings written and verified by read-back. */
  readonly written: readonly string[];
  /** Settings that already had the requested value (not written). */
  readonly unchanged: readonly string[];
  /** Register-level changes, in write order. */
  readonly registers: readonly RegisterChange[];
  /**
   * Whether the session ended with the saving exit. With `save` (the default) it always does, also
   * when every value was `unchanged`: a JBD reads back its RAM, not its EEPROM, so a value that is
   * live may not survive a power cycle until it is saved.
   */
  readonly saved: boolean;
}

interface Planned {
  readonly def: SettingDef;
  readonly field: RegisterValue;
}

interface Progress {
  written: RegisterChange[];
  inFlight: RegisterChange | undefined;
  pending: RegisterChange[];
  previous: Record<string, SettingValue>;
  bodyDone: boolean;
}

function plan(changes: Readonly<Record<string, SettingValue>>): Planned[] {
  return Object.entries(changes).map(([name, value]) => {
    const def = findSetting(name);
    if (!def) throw new BattError("invalid-argument", `unknown setting "${name}"`, { context: { setting: name } });
    return { def, field: encodeSetting(def, value) };
  });
}

function registerData(address: number, value: RegisterValue): Uint8Array {
  return typeof value === "string" ? encodeStringRegister(value) : u16Data(value);
}

/**
 * Writes settings carefully: validates every value (type, range, release-vs-threshold) before
 * anything is sent, enters factory mode, reads the registers involved, skips registers whose
 * value is unchanged, writes each changed register and reads it back, then leaves with the saving
 * exit (also when nothing changed, since live values may be unsaved). Factory mode is always left (`finally`), with the plain exit on any failure.
 *
 * When a failure interrupts the writes, the error (same code as the cause) names in its message
 * and `context` which settings were `written` (and verified), which are `uncertain` (in flight or
 * read back wrong), which were `notWritten`, whether anything was `saved`, and the `previous` values.
 *
 * @throws BattError `invalid-argument` (nothing sent), `unsupported`, `verify-failed`, link errors.
 */
export async function writeSettings(
  client: JbdClient,
  changes: Readonly<Record<string, SettingValue>>,
  options: SettingsWriteOptions = {},
): Promise<SettingsWriteReport> {
  const planned = plan(changes);
  if (planned.length === 0) return { written: [], unchanged: [], registers: [], saved: false };
  const names = new Set(planned.map((p) => p.def.name));
  const partners = relationPartners(names)
    .filter((n) => !names.has(n))
    .map((n) => findSetting(n)!);
  const targets = settingAddresses(planned.map((p) => p.def));
  const addresses = settingAddresses([...planned.map((p) => p.def), ...partners]);
  const signal = options.signal;
  const progress: Progress = { written: [], inFlight: undefined, pending: [], previous: {}, bodyDone: false };
  try {
    return await withFactoryMode(client, options, async (scope) => {
      const { registers, unsupported } = await readRegisters(client, addresses, signal);
      for (const p of planned) {
        if (unsupported.has(p.def.address)) {
          throw new BattError("unsupported", `${p.def.name}: this BMS has no register 0x${p.def.address.toString(16)}`, { context: { setting: p.def.name } });
        }
      }
      const next = new Map(registers);
      for (const { def, field } of planned) {
        next.set(def.address, typeof field === "string" ? field : insertField(def, next.get(def.address) as number, field));
      }
      const merged = new Map<string, SettingValue>();
      for (const def of [...planned.map((p) => p.def), ...partners]) {
        const value = next.get(def.address);
        if (value !== undefined) merged.set(def.name, decodeSetting(def, value));
      }
      checkRelations(merged, names);

      const unchanged: string[] = [];
      const work: RegisterChange[] = [];
      for (const address of targets) {
        const settings = settingsAt(address)
          .map((d) => d.name)
          .filter((n) => names.has(n));
        const from = registers.get(address)!;
        const to = next.get(address)!;
        if (from === to) unchanged.push(...settings);
        else work.push({ address, from, to, settings });
      }
      for (const change of work) {
        for (const name of change.settings) progress.previous[name] = decodeSetting(findSetting(name)!, change.from);
      }
      progress.pending = [...work];
      for (const change of work) {
        progress.pending.shift();
        progress.inFlight = change;
        await client.write(change.address, registerData(change.address, change.to), signal);
        const back = await readRegister(client, change.address, signal);
        if (back !== change.to) {
          throw new BattError("verify-failed", `register 0x${change.address.toString(16)} reads back ${String(back)} after writing ${String(change.to)}`, {
            context: { address: change.address, expected: change.to, actual: back },
          });
        }
        progress.written.push(change);
        progress.inFlight = undefined;
      }
      // Values already live may be live only in RAM (an earlier write whose saving exit was lost or not
      // asked for); the BMS cannot say whether EEPROM holds them, so a save is sent whenever asked.
      scope.save = options.save ?? true;
      progress.bodyDone = true;
      return { written: work.flatMap((c) => c.settings), unchanged, registers: work, saved: scope.save };
    });
  } catch (error) {
    throw describeFailure(error, progress);
  }
}

function describeFailure(error: unknown, progress: Progress): BattError {
  const cause = toBattError(error, "frame");
  const touched = progress.written.length > 0 || progress.inFlight !== undefined;
  if (!touched) return cause;
  const refused = cause.code === "device-exception";
  const written = progress.written.flatMap((c) => c.settings);
  const uncertain = progress.inFlight && !refused ? [...progress.inFlight.settings] : [];
  const notWritten = [...(progress.inFlight && refused ? progress.inFlight.settings : []), ...progress.pending.flatMap((c) => c.settings)];
  const saved = progress.bodyDone ? "unknown" : false;
  const list = (names: readonly string[]): string => (names.length > 0 ? names.join(", ") : "none");
  const message =
    `settings write failed: ${cause.message}. Written and verified: ${list(written)}; possibly written: ${list(uncertain)}; ` +
    `not written: ${list(notWritten)}; ` +
    (saved === false
      ? "nothing was saved to EEPROM (written values stay active until the BMS restarts)"
      : "the saving exit did not complete, so whether EEPROM was updated is unknown");
  return new BattError(cause.code, message, {
    cause,
    context: { ...cause.context, written, uncertain, notWritten, saved, previous: progress.previous },
  });
}
