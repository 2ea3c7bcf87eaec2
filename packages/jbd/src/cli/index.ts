export { plugin } from "./plugin.js";
export { JbdSession } from "./session.js";
export { JBD_COMMANDS } from "./commands.js";
