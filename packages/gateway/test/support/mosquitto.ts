// A real Mosquitto broker for integration tests: started on a free port with a generated config
// (listener on 127.0.0.1, anonymous clients allowed, no persistence), stopped and restarted on demand.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect as tcpConnect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A Mosquitto process the test controls. */
export interface Mosquitto {
  /** `mqtt://127.0.0.1:PORT` */
  readonly url: string;
  /** Its port (kept across restarts). */
  readonly port: number;
  /** Stops the broker (SIGTERM), waiting for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  dispose(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function accepting(port: number, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts Mosquitto (`mosquitto` from PATH or /usr/sbin) on a free port. */
export async function startMosquitto(): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), "batt-mosquitto-"));
  const port = await freePort();
  const conf = join(dir, "mosquitto.conf");
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\n`);
  let child: ChildProcess | undefined;
  // Debian installs it in /usr/sbin, which is not on every user's PATH.
  const binary = process.env["MOSQUITTO"] ?? (existsSync("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto");
  const start = async (): Promise<void> => {
    const proc = spawn(binary, ["-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
    child = proc;
    let log = "";
    proc.stderr!.setEncoding("utf8").on("data", (t: string) => (log += t));
    const failed = once(proc, "exit").then(() => {
      throw new Error(`mosquitto exited: ${log}`);
    });
    failed.catch(() => undefined);
    await Promise.race([accepting(port, Date.now() + 5000), failed]);
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = once(proc, "exit");
    proc.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
