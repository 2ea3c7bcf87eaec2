import { BattError, createMemoryLink, makeReading, measure, type DevicePlugin, type DeviceSession, type Transport } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { LinkRunner, type LinkState } from "../src/link/link-runner.js";
import type { OpenedLink } from "../src/link/open-transport.js";
import { silentLogger } from "../src/log/logger.js";

async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

async function run(clock: ManualClock, ms: number, step = 50): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await settle();
  }
}

/** A plugin of our own whose session reads one voltage through whatever transport it is given. */
function testPlugin(clock: ManualClock): DevicePlugin {
  return {
    id: "test",
    title: "Test device",
    category: "bms",
    link: { kind: "serial", baudRate: 9600 },
    async connect(transport: Transport): Promise<DeviceSession> {
      return {
        async read() {
          if (!transport.isOpen) throw new BattError("not-open", "closed");
          return makeReading(clock, { device: { driver: "test", category: "bms" }, measurements: [measure("voltage", "Voltage", "voltage", 12)], reading: {} });
        },
        async close() {},
      };
    },
  };
}

describe("LinkRunner", () => {
  it("retries a link that cannot be opened with a doubling wait, then polls, and reopens a lost link", async () => {
    const clock = new ManualClock();
    const plugin = testPlugin(clock);
    const opens: number[] = [];
    const states: LinkState[] = [];
    let readings = 0;
    let failOpens = 2;
    let current: ReturnType<typeof createMemoryLink> | undefined;
    const open = async (): Promise<OpenedLink> => {
      opens.push(clock.now());
      if (failOpens-- > 0) throw new BattError("not-found", "/dev/ttyUSB0 does not exist");
      current = createMemoryLink();
      await current.host.open();
      return { transport: current.host, close: () => current!.host.close() };
    };
    const runner = new LinkRunner("usb0", { type: "serial", path: "/dev/ttyUSB0", devices: [{ kind: "test", name: "pack" }] }, [{ config: { kind: "test", name: "pack" }, plugin, polling: { pollMs: 1000, deadlineMs: 500, offlineAfter: 3, maxBackoffMs: 8000 } }], {
      clock,
      logger: silentLogger,
      open,
      events: { reading: () => readings++, outcome: () => undefined, state: (_link, state) => states.push(state) },
    });
    runner.start();
    await settle();
    await run(clock, 3500);
    // Failed at 0, retried after 1 s and then 2 s; open at 3000 and read at once.
    expect(opens).toEqual([0, 1000, 3000]);
    expect(runner.state).toBe("up");
    expect(readings).toBe(1);
    await run(clock, 2000);
    expect(readings).toBe(3);

    // The adapter goes away: the transport reports the loss, the runner tears down and reopens after 1 s.
    current!.host.disconnect("unplugged");
    await run(clock, 100);
    expect(states).toContain("down");
    await run(clock, 1500);
    expect(runner.state).toBe("up");
    expect(opens).toHaveLength(4);
    const before = readings;
    await run(clock, 2000);
    expect(readings).toBeGreaterThan(before);
    await runner.stop();
    expect(runner.state).toBe("stopped");
  });
});
