import { BLE_GATT_PROFILES, type DevicePluginInfo } from "@batt/core";

/**
 * What the `jbd` plugin is, without its code (the `./info` subpath): a menu lists the device from it
 * and loads `./cli` when the device is used.
 */
export const info: DevicePluginInfo = {
  id: "jbd",
  title: "JBD / Xiaoxiang / Overkill Solar BMS",
  category: "bms",
  // The common JBD Bluetooth modules relay the same UART protocol over GATT (FF00: FF01 notify, FF02 write).
  link: { kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1, ble: BLE_GATT_PROFILES.jbd },
};
