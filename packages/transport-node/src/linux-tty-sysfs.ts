import { readdir, readFile, realpath } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** What Linux sysfs tells about the USB device behind a tty. */
export interface TtyUsbDetails {
  /** USB vendor id (`idVendor`). */
  readonly vendorId?: number;
  /** USB product id (`idProduct`). */
  readonly productId?: number;
  /** `manufacturer` string. */
  readonly manufacturer?: string;
  /** `product` string. */
  readonly product?: string;
  /** `serial` string. */
  readonly serialNumber?: string;
}

const SYS_TTY = "/sys/class/tty";
// The names serialport's own udev-based listing accepts.
const SERIAL_NAME = /^(tty(S|WCH|ACM|USB|AMA|MFD|O|XRUSB)\d|rfcomm\d)/;

async function readText(path: string): Promise<string | undefined> {
  try {
    const text = (await readFile(path, "utf8")).trim();
    return text.length > 0 ? text : undefined;
  } catch {
    return undefined;
  }
}

/** USB ids and strings of the device behind `/dev/<name>`, read from sysfs; empty when it is not USB. */
export async function ttyUsbDetails(name: string): Promise<TtyUsbDetails> {
  let dir: string;
  try {
    dir = await realpath(join(SYS_TTY, name, "device"));
  } catch {
    return {};
  }
  // The tty hangs off a USB interface; its parent directory with `idVendor` is the USB device.
  for (; dir.startsWith("/sys/devices/") && dir !== "/sys/devices"; dir = dirname(dir)) {
    const vendor = await readText(join(dir, "idVendor"));
    if (vendor === undefined) continue;
    const product = await readText(join(dir, "idProduct"));
    return {
      vendorId: Number.parseInt(vendor, 16),
      ...(product === undefined ? {} : { productId: Number.parseInt(product, 16) }),
      ...present("manufacturer", await readText(join(dir, "manufacturer"))),
      ...present("product", await readText(join(dir, "product"))),
      ...present("serialNumber", await readText(join(dir, "serial"))),
    };
  }
  return {};
}

function present<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/**
 * Serial device names found in sysfs, for when udev cannot be asked. Skips legacy `ttyS` entries
 * with no UART behind them (type 0), which every PC has dozens of.
 */
export async function sysfsSerialNames(): Promise<string[]> {
  const names = (await readdir(SYS_TTY).catch(() => [] as string[])).filter((n) => SERIAL_NAME.test(n));
  const found: string[] = [];
  for (const name of names.sort()) {
    const hasDevice = await realpath(join(SYS_TTY, name, "device")).then(() => true, () => false);
    if (!hasDevice) continue;
    if (name.startsWith("ttyS") && (await readText(join(SYS_TTY, name, "type"))) === "0") continue;
    found.push(basename(name));
  }
  return found;
}
