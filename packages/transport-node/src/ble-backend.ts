import { BattError, bleUuid, type Clock } from "@batt/core";
import type { Noble } from "./ble-noble-types.js";

/** The npm package the Node BLE transport loads. */
export const BLE_LIBRARY = "@stoprocent/noble";

let loaded: Promise<Noble> | undefined;

/**
 * Loads @stoprocent/noble on first use (it opens the HCI socket or the system's Bluetooth API as it
 * loads, so programs that never ask for Bluetooth never load it). Rejects with an `unsupported`
 * {@link BattError} that says why when the package is missing or cannot load.
 */
export function loadNoble(): Promise<Noble> {
  loaded ??= import(BLE_LIBRARY)
    .then((module: { default?: Noble } & Partial<Noble>) => {
      const noble = (module.default ?? module) as Noble;
      if (typeof noble.startScanningAsync !== "function") throw new Error(`the installed ${BLE_LIBRARY} has no startScanningAsync() (version 2 or later is needed)`);
      return noble;
    })
    .catch((error: unknown) => {
      loaded = undefined; // a later call tries again (the package may have been installed meanwhile)
      const reason = error instanceof Error ? error.message : String(error);
      throw new BattError("unsupported", `Bluetooth is not available: ${BLE_LIBRARY} could not load (${reason}). Install it with \`npm install ${BLE_LIBRARY}\`.`, { cause: error });
    });
  return loaded;
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
 * Resolves once the adapter is powered on. Rejects with `unsupported` when it has no adapter, may not
 * use it or it is switched off, or when it gives no state within `timeoutMs` (the deadline is on `clock`).
 */
export function readyAdapter(noble: Noble, clock: Clock, timeoutMs: number): Promise<void> {
  const now = stateProblem(noble.state);
  if (noble.state === "poweredOn") return Promise.resolve();
  if (now) return Promise.reject(new BattError("unsupported", `Bluetooth is not available: ${now}`));
  return new Promise((resolve, reject) => {
    const onState = (state: string): void => {
      if (state === "poweredOn") finish();
      else {
        const problem = stateProblem(state);
        if (problem) finish(new BattError("unsupported", `Bluetooth is not available: ${problem}`));
      }
    };
    const timer = clock.setTimer(() => finish(new BattError("unsupported", `Bluetooth is not available: the adapter gave no state within ${timeoutMs} ms (state "${noble.state}")`)), timeoutMs);
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
