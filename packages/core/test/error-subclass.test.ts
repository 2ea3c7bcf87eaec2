import { describe, expect, it } from "vitest";
import { BattError, createMemoryLink, RequestEngine, type BattErrorContext, type FrameParser } from "../src/index.js";

// Issue 11 item 7: a BattError subclass keeps its class and its own fields when the engine adds
// context (withContext), so callers can branch on instanceof and read the fields.
class DeviceRefusal extends BattError {
  readonly reason: number;
  constructor(reason: number, context: BattErrorContext = {}) {
    super("device-exception", `refused (${reason})`, { context });
    this.reason = reason;
  }
}

const oneByte: FrameParser<number> = { parse: (buffer) => ({ kind: "frame", frame: buffer[0]!, length: 1 }) };

describe("BattError subclasses through withContext and the request engine", () => {
  it("withContext returns the same class with its own fields, merged context, message, cause and stack", () => {
    const cause = new Error("root");
    const original = new DeviceRefusal(7, { deviceCode: 7 });
    Object.defineProperty(original, "cause", { value: cause, configurable: true, writable: true });
    const copy = original.withContext({ attempts: 2 });
    expect(copy).toBeInstanceOf(DeviceRefusal);
    expect(copy).not.toBe(original);
    expect(copy).toMatchObject({ reason: 7, code: "device-exception", message: "refused (7)", name: "BattError", context: { deviceCode: 7, attempts: 2 } });
    expect(copy.cause).toBe(cause);
    expect(copy.stack).toBe(original.stack);
    expect(original.context).toEqual({ deviceCode: 7 });
  });

  it("a subclass returned by match reaches the caller of request() as that class", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    device.onData(() => void device.write(Uint8Array.of(0x42)));
    const engine = new RequestEngine<number>(host, { parser: oneByte, timeoutMs: 100 });
    const error = await engine.request({ request: Uint8Array.of(1), match: (frame) => new DeviceRefusal(frame) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceRefusal);
    expect(error).toMatchObject({ reason: 0x42, context: { raw: Uint8Array.of(0x42), request: Uint8Array.of(1), attempts: 1 } });
  });
});
