import { describe, expect, it } from "vitest";
import { BattError, ErrorCode, fromHex, isBattError, toBattError } from "../src/index.js";

describe("ErrorCode", () => {
  it("holds the wire-stable code strings", () => {
    expect(Object.values(ErrorCode).sort()).toEqual(
      [
        "aborted",
        "checksum",
        "device-exception",
        "disconnected",
        "frame",
        "invalid-argument",
        "not-found",
        "not-open",
        "timeout",
        "transcript-mismatch",
        "unexpected-reply",
        "unsupported",
        "verify-failed",
      ].sort(),
    );
    expect(ErrorCode.DeviceException).toBe("device-exception");
  });
});

describe("BattError", () => {
  it("carries a code, a message, a name and an empty context by default", () => {
    const error = new BattError("timeout", "no reply within 1000 ms");
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("timeout");
    expect(error.message).toBe("no reply within 1000 ms");
    expect(error.name).toBe("BattError");
    expect(error.context).toEqual({});
    expect(error.cause).toBeUndefined();
    expect("cause" in error).toBe(false);
  });

  it("keeps the cause and the context", () => {
    const cause = new Error("EIO");
    const request = fromHex("01 03 00 00 00 01 84 0a");
    const error = new BattError("disconnected", "port gone", { cause, context: { request, attempts: 2, port: "/dev/ttyUSB0" } });
    expect(error.cause).toBe(cause);
    expect(error.context.request).toBe(request);
    expect(error.context.attempts).toBe(2);
    expect(error.context["port"]).toBe("/dev/ttyUSB0");
  });

  it("describes itself with the request and raw bytes in hex", () => {
    const error = new BattError("checksum", "bad CRC", {
      context: { request: fromHex("01 03 00 00 00 01 84 0A"), raw: fromHex("01 03 02 00 2A 38 5C") },
    });
    expect(error.describe()).toBe("checksum: bad CRC\n  request: 01 03 00 00 00 01 84 0a\n  raw: 01 03 02 00 2a 38 5c");
    expect(new BattError("timeout", "quiet").describe()).toBe("timeout: quiet");
    expect(new BattError("frame", "short", { context: { raw: fromHex("dd") } }).describe()).toBe("frame: short\n  raw: dd");
  });

  it("withContext returns a merged copy and leaves the original alone", () => {
    const cause = new Error("root");
    const original = new BattError("device-exception", "illegal address", { cause, context: { deviceCode: 2, raw: fromHex("01 83 02") } });
    const request = fromHex("01 03 ff ff 00 01");
    const copy = original.withContext({ request, attempts: 1, deviceCode: 3 });
    expect(copy).not.toBe(original);
    expect(copy).toBeInstanceOf(BattError);
    expect(copy.code).toBe("device-exception");
    expect(copy.message).toBe("illegal address");
    expect(copy.cause).toBe(cause);
    expect(copy.context).toEqual({ deviceCode: 3, raw: fromHex("01 83 02"), request, attempts: 1 });
    expect(original.context).toEqual({ deviceCode: 2, raw: fromHex("01 83 02") });
  });
});

describe("isBattError", () => {
  const timeout = new BattError("timeout", "t");

  it("recognises a BattError with or without codes", () => {
    expect(isBattError(timeout)).toBe(true);
    expect(isBattError(timeout, "timeout")).toBe(true);
    expect(isBattError(timeout, "checksum", "timeout")).toBe(true);
    expect(isBattError(timeout, "checksum")).toBe(false);
  });

  it("recognises a look-alike from another copy of the package by its shape", () => {
    const lookAlike = Object.assign(new Error("other copy"), { name: "BattError", code: "not-open", context: {} });
    expect(isBattError(lookAlike)).toBe(true);
    expect(isBattError(lookAlike, "not-open")).toBe(true);
    expect(isBattError(lookAlike, "timeout")).toBe(false);
    expect(isBattError({ name: "BattError", code: "frame" }, "frame")).toBe(true);
  });

  it("rejects values that only resemble it partly", () => {
    expect(isBattError(new Error("x"))).toBe(false);
    expect(isBattError({ name: "Error", code: "timeout" })).toBe(false);
    expect(isBattError({ name: "BattError", code: 5 })).toBe(false);
    expect(isBattError({ name: "BattError" })).toBe(false);
    expect(isBattError(null)).toBe(false);
    expect(isBattError(undefined)).toBe(false);
    expect(isBattError("BattError")).toBe(false);
    expect(isBattError(42, "timeout")).toBe(false);
  });
});

describe("toBattError", () => {
  it("returns a BattError unchanged, whatever the fallback", () => {
    const error = new BattError("checksum", "bad");
    expect(toBattError(error, "frame")).toBe(error);
  });

  it("wraps an Error with its message and keeps it as the cause", () => {
    const cause = new TypeError("boom");
    const wrapped = toBattError(cause, "disconnected");
    expect(wrapped).toBeInstanceOf(BattError);
    expect(wrapped.code).toBe("disconnected");
    expect(wrapped.message).toBe("boom");
    expect(wrapped.cause).toBe(cause);
  });

  it("wraps anything else by its string form, or uses the message given", () => {
    expect(toBattError("plain text", "frame").message).toBe("plain text");
    expect(toBattError(17, "frame").message).toBe("17");
    const withMessage = toBattError(new Error("low level"), "not-open", "cannot open COM3");
    expect(withMessage.message).toBe("cannot open COM3");
    expect((withMessage.cause as Error).message).toBe("low level");
  });
});
