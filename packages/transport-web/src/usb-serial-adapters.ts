import type { WebSerialPortFilter, WebSerialPortInfo } from "./web-serial-types.js";

/** A USB-to-serial bridge chip as it identifies itself on USB. */
export interface UsbSerialAdapter {
  /** Chip family, as printed on the adapter or shown by the operating system. */
  readonly chip: string;
  /** USB vendor id. */
  readonly vendorId: number;
  /** USB product id. */
  readonly productId: number;
}

/**
 * The bridge chips of common RS-485 and TTL adapters sold for BMS and charger use. The port picker is
 * filtered to these by default; pass other filters (or none) for other adapters.
 */
export const USB_SERIAL_ADAPTERS: readonly UsbSerialAdapter[] = [
  { chip: "CH340", vendorId: 0x1a86, productId: 0x7523 },
  { chip: "CH343", vendorId: 0x1a86, productId: 0x55d3 },
  { chip: "CP210x", vendorId: 0x10c4, productId: 0xea60 },
  { chip: "FTDI FT232R", vendorId: 0x0403, productId: 0x6001 },
  { chip: "FTDI FT-X", vendorId: 0x0403, productId: 0x6015 },
  { chip: "PL2303", vendorId: 0x067b, productId: 0x2303 },
];

/** Port-picker filters for {@link USB_SERIAL_ADAPTERS} (or for the adapters given). */
export function usbSerialAdapterFilters(adapters: readonly UsbSerialAdapter[] = USB_SERIAL_ADAPTERS): WebSerialPortFilter[] {
  return adapters.map((a) => ({ usbVendorId: a.vendorId, usbProductId: a.productId }));
}

/** The known adapter a port belongs to, by its USB ids. */
export function findUsbSerialAdapter(info: WebSerialPortInfo): UsbSerialAdapter | undefined {
  return USB_SERIAL_ADAPTERS.find((a) => a.vendorId === info.usbVendorId && a.productId === info.usbProductId);
}

/** `vvvv:pppp` in hex. */
export function usbIds(vendorId: number, productId: number): string {
  return `${vendorId.toString(16).padStart(4, "0")}:${productId.toString(16).padStart(4, "0")}`;
}

/** Whether a port matches a filter entry (an entry without ids matches everything). */
export function matchesSerialFilter(info: WebSerialPortInfo, filter: WebSerialPortFilter): boolean {
  return (
    (filter.usbVendorId === undefined || filter.usbVendorId === info.usbVendorId) &&
    (filter.usbProductId === undefined || filter.usbProductId === info.usbProductId)
  );
}
