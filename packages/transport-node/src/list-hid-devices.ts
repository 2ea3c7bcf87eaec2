import { loadHidBackend, type HidDeviceRecord } from "./hid-backend.js";
import { definedFields, type HidDeviceInfo, type HidDeviceList } from "./port-info.js";

/** Narrows a listing to a vendor and/or product id. */
export interface HidDeviceFilter {
  /** Only devices with this USB vendor id. */
  readonly vendorId?: number;
  /** Only devices with this USB product id. */
  readonly productId?: number;
}

/** Converts node-hid's record to the public shape. */
export function hidDeviceInfo(record: HidDeviceRecord): HidDeviceInfo {
  return definedFields<HidDeviceInfo>({
    path: record.path,
    vendorId: record.vendorId,
    productId: record.productId,
    manufacturer: record.manufacturer,
    product: record.product,
    serialNumber: record.serialNumber,
    release: record.release,
    interface: record.interface,
    usagePage: record.usagePage,
    usage: record.usage,
  });
}

/** Whether `device` passes `filter`. */
export function matchesHidFilter(device: HidDeviceInfo, filter: HidDeviceFilter): boolean {
  return (
    (filter.vendorId === undefined || device.vendorId === filter.vendorId) &&
    (filter.productId === undefined || device.productId === filter.productId)
  );
}

/**
 * Lists USB HID devices through node-hid, which is loaded on this first use. Never throws: when
 * node-hid is missing or cannot load its native library, the list is empty and `warning` says why.
 */
export async function listHidDevices(filter: HidDeviceFilter = {}): Promise<HidDeviceList> {
  try {
    const backend = await loadHidBackend();
    const devices = (await backend.devices()).map(hidDeviceInfo).filter((d) => matchesHidFilter(d, filter));
    return { devices };
  } catch (error) {
    return { devices: [], warning: error instanceof Error ? error.message : String(error) };
  }
}
