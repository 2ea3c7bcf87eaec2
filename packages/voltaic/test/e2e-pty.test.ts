import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { SerialPortTransport } from "@batt/transport-node";
import { createPtyPair, type PtyPair } from "@batt/transport-node/testing";
import { afterEach, describe, expect, it } from "vitest";
import { VoltaicController } from "../src/index.js";

// The simulator in another process on one end of a socat pseudo-terminal pair, the driver (or the
// batt command) on the other, through the real serialport binding.
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const tsx = `${repo}node_modules/.bin/tsx`;
const fixture = fileURLToPath(new URL("./fixtures/simulator-process.ts", import.meta.url));
const bin = `${repo}packages/cli/src/bin.ts`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function start(args: readonly string[]): ChildProcess {
  const child = spawn(tsx, ["--conditions=@batt/source", ...args], { cwd: repo, env: { ...process.env, NO_COLOR: "1" }, stdio: ["pipe", "pipe", "pipe"] });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });
  return child;
}

async function untilSays(child: ChildProcess, stream: "stdout" | "stderr", text: string): Promise<void> {
  let seen = "";
  await new Promise<void>((resolve, reject) => {
    child[stream]!.setEncoding("utf8").on("data", (chunk: string) => {
      seen += chunk;
      if (seen.includes(text)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`process exited (${code}) before saying "${text}": ${seen}`)));
  });
}

async function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (t: string) => (stdout += t));
  child.stderr!.setEncoding("utf8").on("data", (t: string) => (stderr += t));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

async function ptyPair(): Promise<PtyPair> {
  const pair = await createPtyPair();
  cleanups.push(() => pair.close());
  return pair;
}

describe("Voltaic over a real serial line (socat pty pair, simulator in another process)", () => {
  it("reads, switches the load and sets the threshold with the driver at the documented pacing", async () => {
    const pair = await ptyPair();
    const sim = start([fixture, pair.a, "3"]);
    await untilSays(sim, "stdout", "ready");
    const port = new SerialPortTransport({ path: pair.b, baudRate: 9600 });
    await port.open();
    cleanups.push(() => port.close());
    const controller = new VoltaicController(port, { unit: 3 });
    cleanups.push(async () => controller.dispose());
    const reading = await controller.read();
    expect(reading.unit).toBe(3);
    expect(reading.values.batteryVoltage).toBeGreaterThan(12);
    expect(reading.values.pvPower).toBeGreaterThan(0);
    expect(await controller.setLoad(false)).toMatchObject({ on: false });
    expect(await controller.setLowVoltageProtection(11.3)).toMatchObject({ value: 11.3, written: true });
    expect(await controller.discover()).toBe(3);
    expect(controller.counters).toMatchObject({ timeouts: 0, checksumErrors: 0 });
  });

  it("`batt sim voltaic` and `batt read voltaic` talk through the pty pair", async () => {
    const pair = await ptyPair();
    const sim = start([bin, "sim", "voltaic", "--port", pair.a, "--unit", "2"]);
    await untilSays(sim, "stderr", "Ctrl-C to stop");
    const read = await finished(start([bin, "read", "voltaic", "--port", pair.b, "--unit", "2", "--json"]));
    expect(read.code, read.stderr).toBe(0);
    const reading = JSON.parse(read.stdout) as { unit: number; loadOn: boolean; lowVoltageProtection: number };
    expect(reading).toMatchObject({ unit: 2, loadOn: true, lowVoltageProtection: 11 });
    const set = await finished(start([bin, "voltaic", "lvp", "set", "11.5", "--yes", "--port", pair.b, "--unit", "2", "--json"]));
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ previous: 11, value: 11.5, written: true });
  });
});
