import { createMemoryLink } from "@batt/core";
import { transportContract } from "@batt/core/testing";
import { describe, it } from "vitest";

// The in-memory link passes the same contract; it is the reference the real transports are held to.
describe("transport contract: core memory link (reference)", () => {
  for (const c of transportContract(async () => {
    const { host, device } = createMemoryLink();
    return { a: host, b: device };
  })) {
    it(c.name, c.run);
  }
});
