import { BLE_GATT_PROFILES, type DevicePluginInfo } from "@batt/core";
import { JK_BAUD_RATE } from "../constants.js";

/**
 * What the `jk` plugin is, without its code (the `./info` subpath): one device for every protocol
 * (4E57, JK-PB, 55 AA EB 90), at 115200 8N1, with the JK Bluetooth module. A menu lists the device
 * from it and loads `./cli` when the device is used.
 */
export const info: DevicePluginInfo = {
  id: "jk",
  title: "JK BMS",
  category: "bms",
  link: { kind: "serial", baudRate: JK_BAUD_RATE, dataBits: 8, parity: "none", stopBits: 1, ble: BLE_GATT_PROFILES.jk },
};
