import { concatBytes, crc16Modbus, createMemoryLink, fromHex, toHex, type MemoryTransport } from "@batt/core";

/** The host end of a {@link scriptedModbusDevice} and what reached the device. */
export interface ScriptedDevice {
  /** Open host end, for the driver under test. */
  readonly host: MemoryTransport;
  /** Hex of every complete request the device received, in order (answered or not). */
  readonly sent: string[];
}

/**
 * A Modbus RTU device end that answers each complete request in `script` (request hex → reply hex,
 * or a list whose next entry answers each repeat) with its fixed reply, for byte-exact tests of what
 * a driver sends and how it decodes given replies. A complete request (good CRC) that the script does
 * not know is recorded in `sent` and gets no answer, as from a device that ignores it.
 */
export async function scriptedModbusDevice(script: Readonly<Record<string, string | readonly string[]>>): Promise<ScriptedDevice> {
  const { host, device } = createMemoryLink({ info: { description: "script", baudRate: 9600 } });
  await Promise.all([host.open(), device.open()]);
  const sent: string[] = [];
  const table = new Map(Object.entries(script).map(([request, reply]) => [toHex(fromHex(request)), reply]));
  let buffer: Uint8Array = new Uint8Array(0);
  device.onData((chunk) => {
    buffer = concatBytes(buffer, chunk);
    const key = toHex(buffer);
    const entry = table.get(key);
    if (entry === undefined) {
      if (buffer.length >= 8 && hasGoodCrc(buffer)) {
        sent.push(key);
        buffer = new Uint8Array(0);
      }
      return;
    }
    const count = sent.filter((s) => s === key).length;
    const reply = typeof entry === "string" ? entry : entry[Math.min(count, entry.length - 1)]!;
    sent.push(key);
    buffer = new Uint8Array(0);
    void device.write(fromHex(reply));
  });
  return { host, sent };
}

function hasGoodCrc(bytes: Uint8Array): boolean {
  const crc = crc16Modbus(bytes, 0, bytes.length - 2);
  return bytes[bytes.length - 2] === (crc & 0xff) && bytes[bytes.length - 1] === crc >> 8;
}

/** An RTU frame from its hex without CRC: the CRC-16/MODBUS is appended, low byte first. */
export function rtu(text: string): string {
  const bytes = fromHex(text);
  const crc = crc16Modbus(bytes, 0, bytes.length);
  return toHex(Uint8Array.of(...bytes, crc & 0xff, crc >> 8));
}

/** Hex of 16-bit words, high byte first. */
export function words(values: readonly number[]): string {
  return values.map((v) => toHex(Uint8Array.of((v >> 8) & 0xff, v & 0xff))).join(" ");
}
