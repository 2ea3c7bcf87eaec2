import type { DevicePluginInfo } from "@batt/core";
import { VOLTAIC_LINK } from "../serial-link.js";

/**
 * What the `voltaic` plugin is, without its code (the `./info` subpath): RS-485 Modbus RTU at
 * 9600 8N1. A menu lists the device from it and loads `./cli` when the device is used.
 */
export const info: DevicePluginInfo = {
  id: "voltaic",
  title: "Voltaic Systems solar charge controller",
  category: "solar-controller",
  link: VOLTAIC_LINK,
};
