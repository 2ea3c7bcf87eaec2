import type { DashboardDevice } from "./device.js";
import { icharger } from "./icharger.js";
import { jbd } from "./jbd.js";
import { jk } from "./jk.js";

/** The devices offered, in menu order. */
export const DEVICES: readonly DashboardDevice[] = [jbd, jk, icharger];

export type { DashboardDevice, DeviceDriver, DemoLink, DeviceLink } from "./device.js";
