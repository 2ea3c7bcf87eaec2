export { ManualClock } from "../src/testing/index.js";

/** Resolves after every queued microtask has run (one macrotask turn). */
export const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
