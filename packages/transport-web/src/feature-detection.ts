import { BattError } from "@batt/core";
import type { WebBluetooth } from "./web-bluetooth-types.js";
import type { WebHid } from "./web-hid-types.js";
import type { WebSerial } from "./web-serial-types.js";

/** The globals looked at, typed loosely: any of them may be missing (Node, workers, old browsers). */
interface BrowserGlobals {
  readonly navigator?: { readonly serial?: WebSerial; readonly hid?: WebHid; readonly bluetooth?: WebBluetooth };
  readonly isSecureContext?: boolean;
}

const globals = (): BrowserGlobals => globalThis as BrowserGlobals;

/**
 * Where WebSerial and WebHID exist: Chromium-based desktop browsers (Chrome and Edge 89 and later,
 * Opera 75 and later, which has the same engine), in a secure context (https:// or
 * http://localhost) and in frames whose permissions policy allows `serial` / `hid`. Firefox and
 * Safari have neither, and no browser on iOS has them. Chrome on Android has no WebHID; WebSerial
 * on Android arrived only in recent Chrome versions.
 */
export const BROWSER_SUPPORT =
  "WebSerial and WebHID are available in Chromium-based desktop browsers (Chrome and Edge 89+, Opera 75+), " +
  "not in Firefox or Safari, and not on iOS";

/** Whether `navigator.serial` exists here (feature detection; a secure context is needed for it to appear). */
export function hasWebSerial(): boolean {
  return globals().navigator?.serial != null;
}

/** Whether `navigator.hid` exists here (feature detection; a secure context is needed for it to appear). */
export function hasWebHid(): boolean {
  return globals().navigator?.hid != null;
}

function unsupported(api: string, property: string): BattError {
  const reason =
    globals().isSecureContext === false
      ? `${api} needs a secure context: open the page over https:// or from http://localhost`
      : `this browser has no ${api} (navigator.${property}); ${BROWSER_SUPPORT}`;
  return new BattError("unsupported", reason);
}

/**
 * `navigator.serial`.
 * @throws BattError `unsupported` when the browser (or the context) has no WebSerial; the message says why.
 */
export function webSerial(): WebSerial {
  const serial = globals().navigator?.serial;
  if (serial == null) throw unsupported("WebSerial", "serial");
  return serial;
}

/**
 * `navigator.hid`.
 * @throws BattError `unsupported` when the browser (or the context) has no WebHID; the message says why.
 */
export function webHid(): WebHid {
  const hid = globals().navigator?.hid;
  if (hid == null) throw unsupported("WebHID", "hid");
  return hid;
}

/** `navigator.serial` when present, for listening to events without requiring it. */
export function optionalWebSerial(): WebSerial | undefined {
  return globals().navigator?.serial ?? undefined;
}

/** `navigator.hid` when present, for listening to events without requiring it. */
export function optionalWebHid(): WebHid | undefined {
  return globals().navigator?.hid ?? undefined;
}

/**
 * Where Web Bluetooth exists: Chrome, Edge and Opera on desktop (Windows, macOS, ChromeOS; on Linux
 * behind chrome://flags/#enable-experimental-web-platform-features in some versions) and Chrome on
 * Android, in a secure context. Firefox and Safari have none, and no browser on iOS has it.
 */
export const WEB_BLUETOOTH_SUPPORT =
  "Web Bluetooth is available in Chromium-based browsers (Chrome, Edge, Opera on desktop; Chrome on Android), " +
  "not in Firefox or Safari, and not on iOS";

/** Whether `navigator.bluetooth` exists here (feature detection; a secure context is needed for it to appear). */
export function hasWebBluetooth(): boolean {
  return globals().navigator?.bluetooth != null;
}

/**
 * `navigator.bluetooth`.
 * @throws BattError `unsupported` when the browser (or the context) has no Web Bluetooth; the message says why.
 */
export function webBluetooth(): WebBluetooth {
  const bluetooth = globals().navigator?.bluetooth;
  if (bluetooth == null) {
    const reason =
      globals().isSecureContext === false
        ? "Web Bluetooth needs a secure context: open the page over https:// or from http://localhost"
        : `this browser has no Web Bluetooth (navigator.bluetooth); ${WEB_BLUETOOTH_SUPPORT}`;
    throw new BattError("unsupported", reason);
  }
  return bluetooth;
}
