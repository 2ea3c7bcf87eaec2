export { DEVICES, deviceLabel } from "./menu.js";
export type { DashboardDevice, PluginModule } from "./device.js";
