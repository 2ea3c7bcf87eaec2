import type { DevicePluginInfo } from "@batt/core";
import { EVCHARGER_LINK } from "../serial-link.js";

/**
 * What the `evcharger` plugin is, without its code (the `./info` subpath): Modbus RTU at 9600 8N1.
 * A menu lists the device from it and loads `./cli` when the device is used.
 */
export const info: DevicePluginInfo = {
  id: "evcharger",
  title: "SolaX-type AC EV charger",
  category: "ev-charger",
  link: EVCHARGER_LINK,
};
