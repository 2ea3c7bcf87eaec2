import type { DevicePluginInfo } from "@batt/core";
import { ICHARGER_USB } from "../usb-identity.js";
import { ICHARGER_DRIVER } from "../device/identity.js";

/**
 * What the `icharger` plugin is, without its code (the `./info` subpath): USB HID by default. A menu
 * lists the device from it and loads `./cli` when the device is used.
 */
export const info: DevicePluginInfo = {
  id: ICHARGER_DRIVER,
  title: "Junsi iCharger",
  category: "charger",
  link: { kind: "hid", vendorId: ICHARGER_USB.vendorId, productId: ICHARGER_USB.productId, reportSize: ICHARGER_USB.reportSize },
};
