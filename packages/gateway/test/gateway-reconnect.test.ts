// A serial link whose device node disappears and comes back (a USB adapter unplugged and plugged in
// again, here a socat pty pair stopped and restarted on the same paths): the device goes offline and
// comes back online by itself. Runs on the embedded broker (aedes).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DevicePlugin } from "@batt/core";
import { plugin as jbd } from "@batt/jbd/cli";
import { JbdSimulator } from "@batt/jbd/simulator";
import { SerialPortTransport } from "@batt/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Gateway } from "../src/gateway.js";
import { MqttWatch } from "./support/mqtt-watch.js";

/** socat joining two ptys reachable at fixed paths (symlinks), so a restarted pair has the same names. */
async function ptyPair(a: string, b: string): Promise<ChildProcess> {
  const child = spawn("socat", [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: "ignore" });
  const deadline = Date.now() + 5000;
  while (!existsSync(a) || !existsSync(b)) {
    if (Date.now() > deadline) throw new Error("socat did not create the pty links");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return child;
}

/** A simulated JBD answering on a serial port. */
async function simulatorOn(path: string): Promise<{ stop(): Promise<void> }> {
  const port = new SerialPortTransport({ path, baudRate: 9600 });
  await port.open();
  const sim = new JbdSimulator({}).attach(port);
  sim.start();
  return {
    async stop() {
      await sim.stop();
      await port.close().catch(() => undefined);
    },
  };
}

describe("gateway reconnect", () => {
  let dir: string;
  let socat: ChildProcess | undefined;
  let sim: { stop(): Promise<void> } | undefined;
  let gateway: Gateway | undefined;
  let watch: MqttWatch | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "batt-gateway-pty-"));
  });

  afterAll(async () => {
    await watch?.close();
    await gateway?.stop();
    await sim?.stop();
    if (socat && socat.exitCode === null) {
      socat.kill("SIGTERM");
      await once(socat, "exit");
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("brings a device back online after its serial device node is removed and recreated", async () => {
    const gw = join(dir, "ttyGW");
    const dev = join(dir, "ttyDEV");
    socat = await ptyPair(gw, dev);
    sim = await simulatorOn(dev);
    gateway = await Gateway.start({
      plugins: [jbd] as readonly DevicePlugin[],
      config: {
        gateway: { id: "pty" },
        broker: { port: 0, wsPort: -1 },
        links: [{ type: "serial", name: "usb0", path: gw, devices: [{ kind: "jbd", name: "pack", poll: 0.3, deadline: 2, offlineAfter: 1 }] }],
      },
    });
    watch = await MqttWatch.open(gateway.brokerUrl, ["batt/pty/#"]);
    await watch.next((m) => m.topic === "batt/pty/pack/availability" && m.payload === "online", 10_000);
    await watch.next((m) => m.topic === "batt/pty/pack/state");

    // Unplug: socat exits and removes the links; the gateway sees its port vanish.
    await sim.stop();
    sim = undefined;
    const unplugged = watch.messages.length;
    socat.kill("SIGTERM");
    await once(socat, "exit");
    await watch.next((m) => m.topic === "batt/pty/pack/availability" && m.payload === "offline", 10_000, unplugged);
    expect(gateway.health()["links"]).toMatchObject({ usb0: expect.stringMatching(/down|connecting/) });

    // Plug back in, same path: the link reopens by itself and the device is read again.
    const replugged = watch.messages.length;
    socat = await ptyPair(gw, dev);
    sim = await simulatorOn(dev);
    await watch.next((m) => m.topic === "batt/pty/pack/availability" && m.payload === "online", 15_000, replugged);
    const state = await watch.next((m) => m.topic === "batt/pty/pack/state", 5000, replugged);
    expect((JSON.parse(state.payload) as { device: { driver: string } }).device.driver).toBe("jbd");
    expect(gateway.health()["links"]).toEqual({ usb0: "up" });
  }, 40_000);
});
