import { BattError } from "../errors.js";

/** The Bluetooth base UUID's tail: a 16-bit UUID `xxxx` stands for `0000xxxx-0000-1000-8000-00805f9b34fb`. */
const BASE_TAIL = "-0000-1000-8000-00805f9b34fb";

/**
 * A GATT UUID in its full lower-case 128-bit form, which Web Bluetooth and the Node BLE libraries all
 * accept: `0xff00`, `"ff00"`, `"FF00"` and `"0000ff00-0000-1000-8000-00805f9b34fb"` give the same string.
 *
 * @throws BattError `invalid-argument` for anything that is not a 16-, 32- or 128-bit UUID.
 */
export function bleUuid(uuid: number | string): string {
  if (typeof uuid === "number") {
    if (!Number.isInteger(uuid) || uuid < 0 || uuid > 0xffffffff) throw new BattError("invalid-argument", `not a Bluetooth UUID: ${uuid}`);
    return `${uuid.toString(16).padStart(8, "0")}${BASE_TAIL}`;
  }
  const text = uuid.trim().toLowerCase().replace(/^0x/, "");
  if (/^[0-9a-f]{4}$/.test(text)) return `0000${text}${BASE_TAIL}`;
  if (/^[0-9a-f]{8}$/.test(text)) return `${text}${BASE_TAIL}`;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) return text;
  if (/^[0-9a-f]{32}$/.test(text)) return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  throw new BattError("invalid-argument", `not a Bluetooth UUID: "${uuid}"`);
}

/** The short form of a UUID on the Bluetooth base (`ff00`), else the full form; for messages and libraries that list short UUIDs. */
export function shortBleUuid(uuid: number | string): string {
  const full = bleUuid(uuid);
  return full.startsWith("0000") && full.endsWith(BASE_TAIL) ? full.slice(4, 8) : full;
}

/** Whether two UUIDs name the same attribute, whatever form each is written in. */
export function sameBleUuid(a: number | string, b: number | string): boolean {
  return bleUuid(a) === bleUuid(b);
}
