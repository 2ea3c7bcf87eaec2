import { hasWebBluetooth, hasWebHid, hasWebSerial } from "@batt/transport-web";

/** Which browser API a device needs. */
export type LinkApi = "serial" | "hid";

const API_NAMES: Readonly<Record<LinkApi, string>> = { serial: "WebSerial", hid: "WebHID" };

/**
 * What the page says when this browser cannot reach the device: which API is missing, where it exists
 * and that the demo works anyway. Empty when the browser can. A page that is not a secure context
 * (plain http:// other than localhost) lacks the APIs in every browser, and is told so instead.
 */
export function missingApiMessage(api: LinkApi, secure = globalThis.isSecureContext): string {
  const present = api === "serial" ? hasWebSerial() : hasWebHid();
  if (present) return "";
  const name = API_NAMES[api];
  if (secure === false) {
    return `This page cannot reach USB devices here: ${name} needs a secure page. Open it over https:// or from http://localhost. The demo works anyway.`;
  }
  const android = api === "hid" ? " (WebHID is on desktops only)" : "";
  return (
    `This browser has no ${name}, so it cannot talk to USB devices. ` +
    `Connecting needs a Chromium-based desktop browser: Chrome, Edge or Opera${android}; Firefox and Safari do not have it. ` +
    "The demo works in any browser."
  );
}

/** Why Bluetooth is not offered in this browser (for the button's tooltip); empty when it is. */
export function missingBluetoothMessage(secure = globalThis.isSecureContext): string {
  if (hasWebBluetooth()) return "";
  if (secure === false) return "Web Bluetooth needs a secure page: open it over https:// or from http://localhost.";
  return "This browser has no Web Bluetooth: use Chrome, Edge or Opera (on Linux, chrome://flags/#enable-web-bluetooth). Firefox and Safari do not have it.";
}
