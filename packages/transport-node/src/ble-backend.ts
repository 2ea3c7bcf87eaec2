import { BattError, bleUuid, type Clock } from "@batt/core";
import type { Noble, NobleModule } from "./ble-noble-types.js";

/** The npm package the Node BLE transport loads. */
export const BLE_LIBRARY = "@stoprocent/noble";

let loaded: Promise<NobleModule> | undefined;

/**
 * Loads @stoprocent/noble on first use, so programs that never ask for Bluetooth never load it.
 * Rejects with an `unsupported` {@link BattError} that says why when the package is missing or cannot load.
 */
export function loadNobleModule(): Promise<NobleModule> {
  loaded ??= import(BLE_LIBRARY)
    .then((module: { default?: NobleModule } & Partial<NobleModule>) => {
      const api = (typeof module.withBindings === "function" ? module : (module.default ?? module)) as NobleModule;
      if (typeof api.withBindings !== "function") throw new Error(`the installed ${BLE_LIBRARY} has no withBindings() (version 2 or later is needed)`);
      return api;
    })
    .catch((error: unknown) => {
      loaded = undefined; // a later call tries again (the package may have been installed meanwhile)
      const reason = error instanceof Error ? error.message : String(error);
      throw new BattError("unsupported", `Bluetooth is not available: ${BLE_LIBRARY} could not load (${reason}). Install it with \`npm install ${BLE_LIBRARY}\`.`, { cause: error });
    });
  return loaded;
}

/**
 * A fresh adapter instance of @stoprocent/noble (its own HCI socket or system connection, released by
 * `stop()`), so that a transport or a scan can let go of the adapter when done and the process can exit.
 *
 * @throws BattError `unsupported` when the library cannot load or its bindings cannot start here.
 */
export async function loadNoble(): Promise<Noble> {
  const api = await loadNobleModule();
  try {
    return api.withBindings();
  } catch (error) {
    throw new BattError("unsupported", `Bluetooth is not available: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Why an adapter in `state` cannot be used, or undefined when it is powered on. */
function stateProblem(state: string): string | undefined {
  switch (state) {
    case "poweredOn":
      return undefined;
    case "unsupported":
      return "this machine has no Bluetooth Low Energy adapter (or the adapter is not supported)";
    case "unauthorized":
      return "not allowed to use the Bluetooth adapter: on Linux give node the cap_net_raw and cap_net_admin capabilities (see the README), on macOS allow Bluetooth for the terminal";
    case "poweredOff":
      return "the Bluetooth adapter is switched off (bluetoothctl power on, or rfkill unblock bluetooth)";
    default:
      return undefined;
  }
}

/**
 * Resolves once the adapter is powered on. Rejects with `unsupported` at once when there is no adapter
 * or no permission; an adapter that reports `poweredOff` is given until the deadline (the Linux HCI
 * bindings report `poweredOff` while they start, then the real state). The deadline is on `clock`.
 */
export function readyAdapter(noble: Noble, clock: Clock, timeoutMs: number): Promise<void> {
  const final = (state: string): boolean => state === "unsupported" || state === "unauthorized";
  if (noble.state === "poweredOn") return Promise.resolve();
  if (final(noble.state)) return Promise.reject(new BattError("unsupported", `Bluetooth is not available: ${stateProblem(noble.state)}`));
  return new Promise((resolve, reject) => {
    const onState = (state: string): void => {
      if (state === "poweredOn") finish();
      else if (final(state)) finish(new BattError("unsupported", `Bluetooth is not available: ${stateProblem(state)}`));
    };
    const timer = clock.setTimer(() => {
      const problem = stateProblem(noble.state) ?? `the adapter gave no usable state within ${timeoutMs} ms (state "${noble.state}")`;
      finish(new BattError("unsupported", `Bluetooth is not available: ${problem}`));
    }, timeoutMs);
    function finish(error?: BattError): void {
      clock.clearTimer(timer);
      noble.removeListener("stateChange", onState);
      if (error) reject(error);
      else resolve();
    }
    noble.on("stateChange", onState);
  });
}

/** A UUID as noble writes it: lower case without dashes, short on the Bluetooth base. */
export function nobleUuid(uuid: string): string {
  const full = bleUuid(uuid);
  return full.endsWith("-0000-1000-8000-00805f9b34fb") && full.startsWith("0000") ? full.slice(4, 8) : full.replace(/-/g, "");
}
