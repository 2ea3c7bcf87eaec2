import { describe, expect, it } from "vitest";
import { BattError, ErrorCode, isTransientError, NO_RETRY } from "../src/index.js";

describe("isTransientError", () => {
  it("retries timeouts, checksum and frame errors and unexpected replies only", () => {
    const transient = Object.values(ErrorCode).filter((code) => isTransientError(new BattError(code, "x")));
    expect(transient.sort()).toEqual(["checksum", "frame", "timeout", "unexpected-reply"]);
  });

  it("NO_RETRY makes no extra attempt", () => {
    expect(NO_RETRY.retries).toBe(0);
  });
});
