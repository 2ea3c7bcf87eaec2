export { plugin } from "./plugin.js";
export { JbdSession } from "./session.js";
export type { JbdReading } from "./session.js";
export { formatReading } from "./format.js";
export { JBD_COMMANDS } from "./commands.js";
