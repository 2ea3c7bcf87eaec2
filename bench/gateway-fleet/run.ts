/**
 * bench/gateway-fleet: the gateway's cost per device. 1, 16 and 64 simulated JBD packs, each on its own
 * TCP link (a simulator behind a TCP listener, in another process), polled at 1 Hz and published to a
 * local Mosquitto. For each fleet: the gateway's CPU time as a share of one core and its peak RSS (the
 * gateway runs bundled, as it ships, in a process of its own), and the MQTT messages per second a subscriber
 * (mqtt.js, in a third process) received, each also as a ratio against the 1-device run of this same run.
 * Goal: 64 devices under 5 % of one core and under 150 MB.
 *
 * Usage: pnpm bench gateway-fleet   (or, for a shorter trial: tsx --conditions=@batt/source bench/gateway-fleet/run.ts --seconds 10 --fleets 1,16)
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { startMosquitto } from "../../packages/gateway/test/support/mosquitto.js";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "60" }, fleets: { type: "string", default: "1,16,64" } } });
const SECONDS = Number(values.seconds);
const FLEETS = values.fleets.split(",").map(Number);
const fixture = (name: string): string => fileURLToPath(new URL(`../../packages/gateway/test/support/${name}`, import.meta.url));

function start(script: string, args: string[]): ChildProcess {
  return fork(fixture(script), args, { execArgv: ["--import", "tsx", "--conditions=@batt/source"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

const root = fileURLToPath(new URL("../../", import.meta.url));
const bundled = join(process.env["BENCH_OUT_DIR"] ?? join(root, ".bench-out"), "gateway-fleet", "fleet-gateway.cjs");

/**
 * The measured gateway runs as it ships: our sources bundled (esbuild, as tsup builds dist/) and run
 * by plain node, not through tsx, whose loader thread would add its own CPU time and memory. npm
 * dependencies stay external and are found through NODE_PATH.
 */
async function bundleGateway(): Promise<void> {
  await build({
    entryPoints: [fixture("fleet-gateway.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    conditions: ["@batt/source"],
    outfile: bundled,
    logLevel: "warning",
    plugins: [{ name: "npm-external", setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith("@batt/") ? undefined : { path: a.path, external: true })) }],
  });
}

function startGateway(config: unknown): ChildProcess {
  const NODE_PATH = ["packages/gateway/node_modules", "packages/transport-node/node_modules"].map((p) => join(root, p)).join(":");
  return fork(bundled, [JSON.stringify(config)], { execArgv: [], env: { ...process.env, NODE_PATH }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

function nextMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${what}: the process exited (${code})`));
    child.once("exit", onExit);
    child.once("message", (message) => {
      child.off("exit", onExit);
      resolve(message as T);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.disconnect();
  await exited;
}

interface Result {
  readonly devices: number;
  readonly cpuShare: number;
  readonly rssMb: number;
  readonly messagesPerSecond: number;
}

async function runFleet(devices: number, brokerPort: number): Promise<Result> {
  const simulators = start("fleet-simulators.ts", [String(devices)]);
  const { ports } = await nextMessage<{ ports: number[] }>(simulators, "simulators");
  const config = {
    gateway: { id: "bench" },
    mqtt: { url: `mqtt://127.0.0.1:${brokerPort}` },
    defaults: { poll: 1 },
    links: ports.map((port, i) => ({ type: "tcp", name: `tcp${i}`, host: "127.0.0.1", port, devices: [{ kind: "jbd", name: `pack-${i}` }] })),
  };
  const gateway = startGateway(config);
  await nextMessage<string>(gateway, "gateway");
  await new Promise((resolve) => setTimeout(resolve, 2000)); // settle: first readings and discovery are out
  const subscriber = start("fleet-subscriber.ts", [`mqtt://127.0.0.1:${brokerPort}`, "batt/bench/#"]);
  await nextMessage<string>(subscriber, "subscriber");
  await new Promise((resolve) => setTimeout(resolve, 500)); // retained messages arrive now, not counted
  subscriber.send("mark");
  gateway.send("mark");
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  subscriber.send("report");
  const { messages, seconds } = await nextMessage<{ messages: number; seconds: number }>(subscriber, "subscriber report");
  gateway.send("report");
  const report = await nextMessage<{ cpuMs: number; wallMs: number; peakRss: number; health: { devices: Record<string, { online: boolean }> } }>(gateway, "report");
  await stop(subscriber);
  await stop(gateway);
  await stop(simulators);
  const offline = Object.entries(report.health.devices).filter(([, d]) => !d.online).length;
  if (offline > 0) console.log(`  note: ${offline} of ${devices} devices offline at the end`);
  return { devices, cpuShare: report.cpuMs / report.wallMs, rssMb: report.peakRss / 2 ** 20, messagesPerSecond: messages / seconds };
}

await bundleGateway();
const broker = await startMosquitto();
const results: Result[] = [];
try {
  for (const devices of FLEETS) {
    console.log(`fleet of ${devices} device(s), ${SECONDS} s at 1 Hz …`);
    results.push(await runFleet(devices, broker.port));
  }
} finally {
  await broker.dispose();
}

const base = results[0]!;
const pad = (text: string, width: number): string => text.padStart(width);
console.log(`\n${pad("devices", 8)} ${pad("CPU % of one core", 18)} ${pad("× 1-dev", 8)} ${pad("peak RSS MB", 12)} ${pad("× 1-dev", 8)} ${pad("msg/s", 8)} ${pad("× 1-dev", 8)}`);
for (const r of results) {
  console.log(
    `${pad(String(r.devices), 8)} ${pad((r.cpuShare * 100).toFixed(2), 18)} ${pad((r.cpuShare / base.cpuShare).toFixed(2), 8)} ${pad(r.rssMb.toFixed(1), 12)} ${pad((r.rssMb / base.rssMb).toFixed(2), 8)} ${pad(r.messagesPerSecond.toFixed(1), 8)} ${pad((r.messagesPerSecond / base.messagesPerSecond).toFixed(2), 8)}`,
  );
}
const largest = results[results.length - 1]!;
console.log(
  `\ngoal for ${largest.devices} devices: CPU < 5 % of one core (${(largest.cpuShare * 100).toFixed(2)} %: ${largest.cpuShare < 0.05 ? "met" : "NOT met"}), RSS < 150 MB (${largest.rssMb.toFixed(1)} MB: ${largest.rssMb < 150 ? "met" : "NOT met"})`,
);
