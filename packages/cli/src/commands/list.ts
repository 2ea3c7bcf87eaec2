import { listHidDevices, listSerialPorts, scanBleDevices, type BleDeviceInfo } from "@batt/transport-node";
import { integerValue } from "../args.js";
import type { CommandNode } from "../command.js";
import { JSON_OPTION } from "../link-options.js";
import { formatTable, type Output } from "../output.js";

function usbId(vendorId?: number, productId?: number): string {
  if (vendorId === undefined) return "";
  const hex = (n: number): string => n.toString(16).padStart(4, "0");
  return productId === undefined ? hex(vendorId) : `${hex(vendorId)}:${hex(productId)}`;
}

/**
 * `batt list`: serial ports and USB HID devices. Where the system cannot list one kind (no udev
 * in a container, node-hid missing) it prints a warning and lists what it can.
 */
export const listCommand: CommandNode = {
  kind: "command",
  name: "list",
  summary: "list serial ports and USB HID devices; --ble: Bluetooth LE devices nearby",
  description:
    "Lists serial ports and USB HID devices with their USB ids, to find the --port or --hid to use. With --ble, listens for Bluetooth LE devices instead " +
    "(through @stoprocent/noble) and lists their addresses, names and the profile they look like, to find the --ble to use.",
  options: [
    JSON_OPTION,
    { name: "ble", type: "boolean", description: "scan for Bluetooth LE devices instead" },
    { name: "scan-time", type: "string", valueName: "MS", description: "how long to listen with --ble", default: "5000" },
  ],
  examples: ["batt list", "batt list --json", "batt list --ble"],
  async run({ values, out }) {
    if (values["ble"] === true) {
      const devices = await scanBleDevices({ durationMs: integerValue(values, "scan-time", 100, 600_000) ?? 5000 });
      printBle(devices, values["json"] === true, out);
      return;
    }
    const [serial, hid] = await Promise.all([listSerialPorts(), listHidDevices()]);
    const warnings = [
      ...(serial.warning !== undefined ? [`serial ports: ${serial.warning}`] : []),
      ...(hid.warning !== undefined ? [`HID devices: ${hid.warning}`] : []),
    ];
    for (const w of warnings) out.note(`batt: warning: ${w}`);
    if (values["json"] === true) {
      out.json({ serialPorts: serial.ports, hidDevices: hid.devices, warnings });
      return;
    }
    out.print("Serial ports:");
    out.print(
      serial.ports.length === 0
        ? "  (none)"
        : indent(formatTable(["PATH", "USB ID", "MANUFACTURER", "PRODUCT", "SERIAL"], serial.ports.map((p) => [p.path, usbId(p.vendorId, p.productId), p.manufacturer ?? "", p.product ?? "", p.serialNumber ?? ""]))),
    );
    out.print("");
    out.print("USB HID devices:");
    out.print(
      hid.devices.length === 0
        ? "  (none)"
        : indent(formatTable(["USB ID", "MANUFACTURER", "PRODUCT", "SERIAL", "PATH"], hid.devices.map((d) => [usbId(d.vendorId, d.productId), d.manufacturer ?? "", d.product ?? "", d.serialNumber ?? "", d.path ?? ""]))),
    );
  },
};

/** The scan's devices as JSON or a table. */
function printBle(devices: readonly BleDeviceInfo[], json: boolean, out: Output): void {
  if (json) {
    out.json({ bleDevices: devices });
    return;
  }
  out.print("Bluetooth LE devices:");
  out.print(
    devices.length === 0
      ? "  (none heard)"
      : indent(formatTable(["ADDRESS", "NAME", "RSSI", "PROFILE", "SERVICES"], devices.map((d) => [d.address, d.name ?? "", d.rssi !== undefined ? `${d.rssi} dBm` : "", d.profile ?? "", d.services.join(" ")]))),
  );
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
