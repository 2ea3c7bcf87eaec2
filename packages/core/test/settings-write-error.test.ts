import { describe, expect, it } from "vitest";
import { BattError, settingsWriteError } from "../src/index.js";

describe("settingsWriteError", () => {
  it("is the failure itself when nothing was written yet", () => {
    const timeout = new BattError("timeout", "no reply");
    expect(settingsWriteError(timeout, [], ["covp", "cuvp"])).toBe(timeout);
  });

  it("after some writes keeps the code and says what the device now holds", () => {
    const refused = new BattError("verify-failed", "read back 3.5", { context: { setting: "cuvp" } });
    const error = settingsWriteError(refused, ["covp"], ["cuvp", "balance"]);
    expect(error.code).toBe("verify-failed");
    expect(error.message).toBe("settings write failed: read back 3.5. Written and verified: covp; not written or uncertain: cuvp, balance");
    expect(error.context).toEqual({ setting: "cuvp", written: ["covp"], notWritten: ["cuvp", "balance"] });
    expect(error.cause).toBe(refused);
  });

  it("makes a BattError of anything thrown", () => {
    const error = settingsWriteError(new Error("port closed"), ["covp"], []);
    expect(error).toBeInstanceOf(BattError);
    expect(error.message).toMatch(/^settings write failed: .*port closed.*Written and verified: covp; not written or uncertain: $/);
  });
});
