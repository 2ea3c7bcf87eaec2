import { createServer, type AddressInfo } from "node:net";
import { isBattError, type BattError } from "@batt/core";
import { collect, transportContract } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { TcpServerTransport, TcpTransport } from "../src/index.js";
import { createTcpPair } from "../src/testing/index.js";

describe("transport contract: TcpTransport against a loopback server transport", () => {
  for (const c of transportContract(async () => {
    const pair = await createTcpPair();
    // The server end going away is a lost link for the client.
    return { ...pair, cut: () => pair.b.close() };
  })) {
    it(c.name, c.run);
  }
});

/** A port nothing listens on: bind one, then free it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("TcpTransport", () => {
  it("records host, port and framing in info (raw by default)", () => {
    const raw = new TcpTransport({ host: "192.0.2.10", port: 4001 });
    expect(raw.info).toEqual({ description: "tcp 192.0.2.10:4001", host: "192.0.2.10", port: 4001, framing: "raw" });
    const mbap = new TcpTransport({ host: "192.0.2.10", port: 502, framing: "modbus-tcp" });
    expect(mbap.info.framing).toBe("modbus-tcp");
    expect(mbap.info.description).toBe("tcp 192.0.2.10:502 (modbus-tcp)");
    expect(new TcpTransport({ host: "::1", port: 502 }).info.description).toBe("tcp [::1]:502");
  });

  it("rejects bad options at construction", () => {
    for (const bad of [{ port: 0 }, { port: 70000 }, { host: "" }, { framing: "rtu" }, { connectTimeoutMs: 0 }]) {
      expect(() => new TcpTransport({ host: "127.0.0.1", port: 502, ...bad } as never)).toThrow(
        expect.objectContaining({ code: "invalid-argument" }),
      );
    }
  });

  it("a refused connection rejects with a BattError naming the target", async () => {
    const port = await freePort();
    const link = new TcpTransport({ host: "127.0.0.1", port });
    const error = await link.open().catch((e: unknown) => e);
    expect(isBattError(error, "not-open")).toBe(true);
    expect((error as BattError).message).toContain(`127.0.0.1:${port}`);
    expect((error as BattError).message).toMatch(/refused/);
    expect(link.isOpen).toBe(false);
  });

  it("the server closing the connection ends the session with a disconnected error", async () => {
    const { a, b, dispose } = await createTcpPair();
    try {
      await a.open();
      const closed = new Promise<BattError | undefined>((resolve) => a.onClose(resolve));
      const arrived = collect(b, 1); // b has the connection once a byte made it across
      await a.write(Uint8Array.of(0x01));
      await arrived;
      await b.close();
      const reason = await closed;
      expect(reason?.code).toBe("disconnected");
      expect(a.isOpen).toBe(false);
    } finally {
      await dispose();
    }
  });

  it("an abrupt reset by the peer is reported too", async () => {
    // Reset on the first byte: resetting at accept time can beat the client's own connect.
    const server = createServer((socket) => socket.once("data", () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const link = new TcpTransport({ host: "127.0.0.1", port: (server.address() as AddressInfo).port });
    try {
      const closed = new Promise<BattError | undefined>((resolve) => link.onClose(resolve));
      await link.open();
      await link.write(Uint8Array.of(0x01));
      expect((await closed)?.code).toBe("disconnected");
    } finally {
      await link.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("TcpServerTransport", () => {
  it("reports the port the system picked and follows the newest client", async () => {
    const server = new TcpServerTransport({ framing: "modbus-tcp" });
    await server.open();
    expect(server.info.port).toBeGreaterThan(0);
    expect(server.info.description).toBe(`tcp server 127.0.0.1:${server.info.port} (modbus-tcp)`);
    const first = new TcpTransport({ host: "127.0.0.1", port: server.info.port });
    const second = new TcpTransport({ host: "127.0.0.1", port: server.info.port });
    try {
      await first.open();
      const firstGone = new Promise<BattError | undefined>((resolve) => first.onClose(resolve));
      const atServer = collect(server, 1);
      await first.write(Uint8Array.of(1));
      await atServer;
      await second.open();
      expect((await firstGone)?.code).toBe("disconnected"); // replaced by the newer client
      const fromSecond = collect(server, 1);
      await second.write(Uint8Array.of(2));
      expect([...(await fromSecond)[0]!]).toEqual([2]);
      const atSecond = collect(second, 3);
      await server.write(Uint8Array.of(7, 8, 9));
      expect([...(await atSecond)[0]!]).toEqual([7, 8, 9]);
      expect(server.isOpen).toBe(true);
    } finally {
      await first.close();
      await second.close();
      await server.close();
    }
  });
});
