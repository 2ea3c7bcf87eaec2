/**
 * bench/modbus-throughput: transactions per second for "read 10 holding registers" over one socat
 * pty pair, against the same server (our ModbusServer in another process), with
 * - our ModbusClient over SerialPortTransport (spec timing: t3.5 silence before each request),
 * - our ModbusClient with the silence switched off (what modbus-serial does),
 * - modbus-serial's client (connectRTUBuffered),
 * and the raw round-trip rate of the pty through the same serial I/O layer (8 bytes out, 25 bytes back, no
 * parsing, no Modbus) as the ceiling.
 * Every figure is measured in this run; the ratios are what to read.
 *
 * Usage: pnpm bench:modbus [--seconds 2] [--rounds 3] [--baud 115200]
 */
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import type * as ModbusSerial from "modbus-serial";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ModbusClient } from "@batt/modbus-rtu";
import { SerialPortTransport } from "@batt/transport-node";
import { createPtyPair } from "@batt/transport-node/testing";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "2" }, rounds: { type: "string", default: "3" }, baud: { type: "string", default: "115200" } },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const BAUD = Number(values.baud);
const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const require = createRequire(import.meta.url);
const ModbusRTU = require("modbus-serial") as typeof ModbusSerial.default & { ServerSerial: typeof ModbusSerial.ServerSerial };

async function startChild(script: string, path: string): Promise<ChildProcess> {
  const child = fork(here(script), [path, String(BAUD)], {
    execArgv: ["--import", "tsx", "--conditions=@batt/source"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.disconnect();
  await exited;
}

/** Runs `once` repeatedly for SECONDS after a short warm-up; returns transactions per second. */
async function rate(once: () => Promise<unknown>): Promise<number> {
  // Long enough for a freshly started child process (echo or server) to be warm as well.
  const warmUntil = performance.now() + 750;
  while (performance.now() < warmUntil) await once();
  let n = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (performance.now() < end) {
    await once();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

type Case = { name: string; run: (path: string) => Promise<number> };

const expected = Array.from({ length: 10 }, (_, i) => i * 100);
function check(values: readonly number[]): void {
  if (values.length !== 10 || values.some((v, i) => v !== expected[i])) throw new Error(`wrong registers: ${values.join(",")}`);
}

const ours = (silence: boolean): Case["run"] => async (path) => {
  const transport = new SerialPortTransport({ path, baudRate: BAUD });
  await transport.open();
  const client = new ModbusClient(transport, { timeoutMs: 1000, ...(silence ? {} : { silenceMs: 0 }) });
  try {
    return await rate(async () => check(await client.readHoldingRegisters(1, 0, 10)));
  } finally {
    client.dispose();
    await transport.close();
  }
};

const modbusSerial: Case["run"] = async (path) => {
  const client = new ModbusRTU();
  await client.connectRTUBuffered(path, { baudRate: BAUD });
  client.setID(1);
  client.setTimeout(1000);
  try {
    return await rate(async () => check((await client.readHoldingRegisters(0, 10)).data));
  } finally {
    await new Promise<void>((resolve) => client.close(() => resolve()));
  }
};

const rawCeiling = async (path: string): Promise<number> => {
  const transport = new SerialPortTransport({ path, baudRate: BAUD });
  await transport.open();
  const request = Uint8Array.from([0x01, 0x03, 0x00, 0x00, 0x00, 0x0a, 0xc5, 0xcd]);
  let waiting: { left: number; done: () => void } | undefined;
  transport.onData((chunk) => {
    if (!waiting) return;
    waiting.left -= chunk.length;
    if (waiting.left <= 0) {
      const done = waiting.done;
      waiting = undefined;
      done();
    }
  });
  try {
    return await rate(
      () =>
        new Promise<void>((resolve, reject) => {
          waiting = { left: 25, done: resolve };
          transport.write(request).catch(reject);
        }),
    );
  } finally {
    await transport.close();
  }
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const pty = await createPtyPair();
  const results = new Map<string, number[]>();
  const record = (name: string, value: number): void => void results.set(name, [...(results.get(name) ?? []), value]);
  try {
    const cases: Case[] = [
      { name: "@batt ModbusClient (t3.5 silence)", run: ours(true) },
      { name: "@batt ModbusClient (no silence)", run: ours(false) },
      { name: "modbus-serial (RTU buffered)", run: modbusSerial },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved rounds so drift in machine load affects every case alike.
      const echo = await startChild("echo.ts", pty.a);
      record("pty ceiling (raw 8 B out / 25 B back)", await rawCeiling(pty.b));
      await stopChild(echo);
      const server = await startChild("server.ts", pty.a);
      for (const c of cases) record(c.name, await c.run(pty.b));
      await stopChild(server);
    }
  } finally {
    await pty.close();
  }
  const get = (name: string): number => median(results.get(name) ?? [0]);
  const ceiling = get("pty ceiling (raw 8 B out / 25 B back)");
  const theirs = get("modbus-serial (RTU buffered)");
  console.log(`modbus-throughput: read 10 holding registers over a socat pty pair, ${BAUD} baud, ${ROUNDS} round(s) of ${SECONDS} s, median`);
  console.log("");
  console.log("case                                      tx/s    vs modbus-serial   vs ceiling");
  for (const [name] of results) {
    const r = get(name);
    console.log(`${name.padEnd(40)} ${r.toFixed(0).padStart(6)}   ${(r / theirs).toFixed(2).padStart(10)}x   ${((r / ceiling) * 100).toFixed(1).padStart(8)}%`);
  }
  const best = get("@batt ModbusClient (no silence)");
  const spec = get("@batt ModbusClient (t3.5 silence)");
  console.log("");
  console.log(`ratio ours/modbus-serial: ${(best / theirs).toFixed(2)} (no silence), ${(spec / theirs).toFixed(2)} (t3.5 silence)`);
  console.log(`ratio ours/ceiling:       ${(best / ceiling).toFixed(2)} (no silence), ${(spec / ceiling).toFixed(2)} (t3.5 silence)`);
}

await main();
