import { SerialPort } from "serialport";
import { sysfsSerialNames, ttyUsbDetails, type TtyUsbDetails } from "./linux-tty-sysfs.js";
import { definedFields, type SerialPortInfo, type SerialPortList } from "./port-info.js";

/** One entry of serialport's listing (Windows adds `friendlyName`). */
interface ListedPort {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
  locationId?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
  friendlyName?: string | undefined;
}

function hexId(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const id = Number.parseInt(value.replace(/^0x/i, ""), 16);
  return Number.isNaN(id) ? undefined : id;
}

async function describe(port: ListedPort): Promise<SerialPortInfo> {
  const name = port.path.startsWith("/dev/") ? port.path.slice(5) : undefined;
  const usb: TtyUsbDetails = process.platform === "linux" && name ? await ttyUsbDetails(name) : {};
  return definedFields<SerialPortInfo>({
    path: port.path,
    vendorId: hexId(port.vendorId) ?? usb.vendorId,
    productId: hexId(port.productId) ?? usb.productId,
    manufacturer: port.manufacturer ?? usb.manufacturer,
    product: usb.product ?? port.friendlyName,
    serialNumber: port.serialNumber ?? usb.serialNumber,
    pnpId: port.pnpId,
    locationId: port.locationId,
  });
}

/**
 * Lists serial ports with their USB details. Never throws: where the system listing fails (no
 * udev in a container, for instance) it falls back to what Linux sysfs shows, or to an empty list,
 * and says so in `warning`.
 *
 * @example
 * ```ts
 * const { ports, warning } = await listSerialPorts();
 * for (const p of ports) console.log(p.path, p.vendorId?.toString(16), p.product);
 * ```
 */
export async function listSerialPorts(): Promise<SerialPortList> {
  let listed: ListedPort[];
  let warning: string | undefined;
  try {
    listed = (await SerialPort.list()) as ListedPort[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.platform === "linux") {
      listed = (await sysfsSerialNames()).map((name) => ({ path: `/dev/${name}` }));
      warning = `the system port listing failed (${reason}); ports were found through /sys instead and may be incomplete`;
    } else {
      listed = [];
      warning = `the system port listing failed (${reason}); no ports listed`;
    }
  }
  try {
    const ports = await Promise.all(listed.map(describe));
    return warning === undefined ? { ports } : { ports, warning };
  } catch (error) {
    // Enrichment is best effort; the plain listing is still worth returning.
    const ports = listed.map((p) => definedFields<SerialPortInfo>({ path: p.path }));
    return { ports, warning: `port details unavailable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
