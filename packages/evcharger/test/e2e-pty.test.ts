import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { SerialPortTransport } from "@batt/transport-node";
import { createPtyPair, type PtyPair } from "@batt/transport-node/testing";
import { afterEach, describe, expect, it } from "vitest";
import { EvCharger } from "../src/index.js";

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

describe("EV charger over a real serial line (socat pty pair, simulator in another process)", () => {
  it("reads, changes the current, stops and starts with the driver", async () => {
    const pair = await ptyPair();
    const sim = start([fixture, pair.a, "71"]);
    await untilSays(sim, "stdout", "ready");
    const port = new SerialPortTransport({ path: pair.b, baudRate: 9600 });
    await port.open();
    cleanups.push(() => port.close());
    // Short pacing keeps the test fast; the documented default is 1 s between requests.
    const charger = new EvCharger(port, { unit: 71, minIntervalMs: 20 });
    cleanups.push(async () => charger.dispose());
    const reading = await charger.read();
    expect(reading).toMatchObject({ unit: 71, generation: "g1", warnings: [], unavailable: [] });
    expect(reading.status.state.name).toBe("Charging");
    expect(reading.settings.serialNumber).toBe("C311A1B2C3D4E5");
    expect(await charger.setChargeCurrent(8)).toMatchObject({ value: 8, written: true });
    expect(await charger.stopCharging()).toMatchObject({ state: "Finishing", confirmed: true });
    expect(await charger.startCharging()).toMatchObject({ state: "Charging", confirmed: true });
    expect((await charger.readStatus()).currentL1).toBe(8);
    expect(charger.counters).toMatchObject({ timeouts: 0, checksumErrors: 0 });
  });

  it("`batt sim evcharger`, `batt read evcharger` and `batt evcharger current` talk through the pty pair", async () => {
    const pair = await ptyPair();
    const sim = start([bin, "sim", "evcharger", "--port", pair.a]);
    await untilSays(sim, "stderr", "Ctrl-C to stop");
    const read = await finished(start([bin, "read", "evcharger", "--port", pair.b, "--interval", "20", "--json"]));
    expect(read.code, read.stderr).toBe(0);
    const reading = JSON.parse(read.stdout) as { unit: number; generation: string; status: { state: { name: string } } };
    expect(reading).toMatchObject({ unit: 70, generation: "g1", status: { state: { name: "Charging" } } });
    const set = await finished(start([bin, "evcharger", "current", "10", "--yes", "--port", pair.b, "--interval", "20", "--json"]));
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ name: "maxCurrent", previous: 16, value: 10, written: true });
  });
});
