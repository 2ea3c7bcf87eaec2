import { spawn } from "node:child_process";
import { access } from "node:fs/promises";
import { BattError } from "@batt/core";

/** Two pseudo-terminals joined by socat: what is written to one can be read from the other. */
export interface PtyPair {
  /** Path of the first terminal (`/dev/pts/N`). */
  readonly a: string;
  /** Path of the second terminal. */
  readonly b: string;
  /** Stops socat; ports open on the pair then see their device go away. Resolves when socat has exited. */
  close(): Promise<void>;
}

/** Options of {@link createPtyPair}. */
export interface PtyPairOptions {
  /** The socat executable (default `socat` from `PATH`). */
  readonly socat?: string;
  /** How long to wait for socat to set up the pair, in ms (default 5000). */
  readonly timeoutMs?: number;
}

const PTY_LINE = /PTY is (\S+)/g;

/**
 * Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and returns the two terminal paths once both
 * exist, so serial code can be tested with the real serialport binding and no hardware.
 * Rejects with an `unsupported` {@link BattError} when socat is not installed.
 */
export async function createPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const socat = options.socat ?? "socat";
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  const child = spawn(socat, ["-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"], { stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };

  let log = "";
  const paths = await new Promise<[string, string]>((resolve, reject) => {
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`socat did not report two PTYs within ${timeoutMs} ms; it said: ${log.trim() || "nothing"}`));
    }, timeoutMs);
    child.once("error", (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "ENOENT"
          ? new BattError("unsupported", `socat is not installed (cannot run "${socat}"); install it (apt-get install socat) to create pseudo-terminal pairs`, { cause: error })
          : error,
      ),
    );
    child.once("exit", (code, signal) => fail(new Error(`socat exited (${code ?? signal}) before reporting its PTYs: ${log.trim()}`)));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      log += text;
      const found = [...log.matchAll(PTY_LINE)].map((m) => m[1]!);
      if (found.length >= 2) {
        clearTimeout(timer);
        resolve([found[0]!, found[1]!]);
      }
    });
  });

  // socat prints the names before the link is fully set up; wait until both nodes exist.
  for (const path of paths) {
    while (!(await access(path).then(() => true, () => false))) {
      if (Date.now() > deadline) {
        await close();
        throw new Error(`socat reported ${path}, but it did not appear within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return { a: paths[0], b: paths[1], close };
}
