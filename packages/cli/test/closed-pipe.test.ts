import { once } from "node:events";
import { endToEndScope } from "@batt/test-support/e2e-scope";
import { describe, expect, it } from "vitest";

const scope = endToEndScope();

/** Collects standard error and waits for the exit code. */
async function exitOf(child: ReturnType<typeof scope.start>): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (t: string) => (stderr += t));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stderr };
}

// Issue 14 item 9: `batt monitor jbd --sim --json | head -1`. The reader going away is a normal end of output.
describe("standard output closed early (the reader of a pipe went away)", () => {
  it("monitor stops after the reader took one line: exit 0, no stack trace", async () => {
    const child = scope.start(["packages/cli/src/bin.ts", "monitor", "jbd", "--sim", "--json", "--interval", "20"]);
    const exited = exitOf(child);
    const [first] = (await once(child.stdout!.setEncoding("utf8"), "data")) as [string];
    expect(JSON.parse(first.split("\n")[0]!)).toHaveProperty("time");
    child.stdout!.destroy();
    const { code, stderr } = await exited;
    expect(stderr).not.toMatch(/EPIPE|Error|internal/);
    expect(code).toBe(0);
  }, 30_000);

  it("a one-shot command whose reader is gone before it prints: exit 0, no stack trace", async () => {
    const child = scope.start(["packages/cli/src/bin.ts", "read", "jbd", "--sim", "--json"]);
    child.stdout!.destroy();
    const { code, stderr } = await exitOf(child);
    expect(stderr).not.toMatch(/EPIPE|Error|internal/);
    expect(code).toBe(0);
  }, 30_000);
});
