import { isBattError, type BattError } from "@batt/core";
import { collect, transportContract } from "@batt/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { SerialPortTransport } from "../src/index.js";
import { createPtyPair, type PtyPair } from "../src/testing/index.js";

describe("transport contract: SerialPortTransport over a socat pty pair", () => {
  for (const c of transportContract(async () => {
    const pty = await createPtyPair();
    return {
      a: new SerialPortTransport({ path: pty.a, baudRate: 115200 }),
      b: new SerialPortTransport({ path: pty.b, baudRate: 115200 }),
      dispose: () => pty.close(),
      cut: () => pty.close(),
    };
  })) {
    it(c.name, c.run);
  }
});

describe("SerialPortTransport", () => {
  let pty: PtyPair | undefined;
  afterEach(async () => {
    await pty?.close();
    pty = undefined;
  });

  it("describes its line and applies the defaults", () => {
    const port = new SerialPortTransport({ path: "/dev/ttyUSB0" });
    expect(port.kind).toBe("stream");
    expect(port.info).toEqual({ description: "/dev/ttyUSB0 9600 8N1", path: "/dev/ttyUSB0", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 });
    expect(new SerialPortTransport({ path: "COM3", baudRate: 19200, dataBits: 7, parity: "even", stopBits: 2 }).info.description).toBe("COM3 19200 7E2");
  });

  it("rejects impossible settings at construction", () => {
    for (const bad of [{ baudRate: 0 }, { baudRate: 9600.5 }, { dataBits: 9 }, { stopBits: 3 }, { parity: "weird" }]) {
      expect(() => new SerialPortTransport({ path: "/dev/ttyUSB0", ...bad } as never)).toThrow(
        expect.objectContaining({ code: "invalid-argument" }),
      );
    }
  });

  it("opening a path that does not exist rejects with not-found naming the path", async () => {
    const port = new SerialPortTransport({ path: "/dev/ttyBATT-missing" });
    const error = await port.open().catch((e: unknown) => e);
    expect(isBattError(error, "not-found")).toBe(true);
    expect((error as BattError).message).toContain("/dev/ttyBATT-missing");
    expect(port.isOpen).toBe(false);
  });

  it("opening something that exists but is not a serial port rejects with not-open naming the path", async () => {
    const port = new SerialPortTransport({ path: "/dev/null" });
    const error = await port.open().catch((e: unknown) => e);
    expect(isBattError(error, "not-open")).toBe(true);
    expect((error as BattError).message).toContain("/dev/null");
  });

  it("keeps byte values intact across the pty (no line discipline translation)", async () => {
    pty = await createPtyPair();
    const a = new SerialPortTransport({ path: pty.a });
    const b = new SerialPortTransport({ path: pty.b });
    await Promise.all([a.open(), b.open()]);
    // CR, LF, XON/XOFF, ^C, ^D and 0xff would be altered or swallowed by a cooked terminal.
    const tricky = Uint8Array.of(0x0d, 0x0a, 0x11, 0x13, 0x03, 0x04, 0x00, 0xff, 0x7f, 0x1a);
    const got = collect(b, tricky.length);
    await a.write(tricky);
    expect(Buffer.concat(await got)).toEqual(Buffer.from(tricky));
    await Promise.all([a.close(), b.close()]);
  });

  // Killing socat removes the pty. When a read is waiting in poll(), the bindings report the hang-up
  // ("bad file descriptor", disconnected); when the hang-up comes first, the read sees end-of-file,
  // which the bindings retry forever without a word. The transport also watches the device node,
  // so both orders end the session with `disconnected` (and stop the retry loop by closing the port).
  it("reports the port going away right after open (socat killed) as onClose with a disconnected error", async () => {
    pty = await createPtyPair();
    const port = new SerialPortTransport({ path: pty.a });
    await port.open();
    const closed = new Promise<BattError | undefined>((resolve) => port.onClose(resolve));
    await pty.close();
    const reason = await closed;
    expect(reason?.code).toBe("disconnected");
    expect(reason?.message).toContain(pty.a);
    expect(port.isOpen).toBe(false);
    const error = await port.write(Uint8Array.of(1)).catch((e: unknown) => e);
    expect(isBattError(error, "not-open")).toBe(true);
    await port.close(); // resolves, does not fire onClose again
  });

  it("reports the port going away while idle after traffic as onClose with a disconnected error", async () => {
    pty = await createPtyPair();
    const a = new SerialPortTransport({ path: pty.a });
    const b = new SerialPortTransport({ path: pty.b });
    await Promise.all([a.open(), b.open()]);
    const got = collect(a, 2);
    await b.write(Uint8Array.of(0x5a, 0xa5));
    await got;
    const reasons = [a, b].map((port) => new Promise<BattError | undefined>((resolve) => port.onClose(resolve)));
    await pty.close();
    for (const reason of await Promise.all(reasons)) expect(reason?.code).toBe("disconnected");
  });
});
