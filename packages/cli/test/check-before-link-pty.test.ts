import { SerialPortTransport } from "@batt/transport-node";
import { batt, finished } from "@batt/test-support/cli-process";
import { endToEndScope } from "@batt/test-support/e2e-scope";
import { describe, expect, it } from "vitest";

const scope = endToEndScope();

// Issue 14 item 3 through the real binary on a real serial line: the far end of a socat pty pair
// counts what reaches it. A refused command exits 2 and sends nothing; the evcharger's limit is
// checked without asking the (silent) charger.
describe("a refused device command sends nothing down a real serial line", () => {
  it.each([
    [["jbd", "settings", "set", "covp", "banana", "--yes"], /covp/],
    [["jbd", "restore", "@/dev/null", "--yes"], /backup is neither JSON nor a .fig file/],
    [["evcharger", "current", "99", "--yes"], /99 A is above the maximum 32 A/],
  ])("batt %j --port <pty>", async (args, message) => {
    const pair = await scope.ptyPair();
    const far = new SerialPortTransport({ path: pair.b, baudRate: 9600 });
    await far.open();
    scope.defer(() => far.close());
    const received: number[] = [];
    far.onData((chunk) => received.push(...chunk));

    const run = await finished(batt([...args, "--port", pair.a]));
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);

    // A marker sent after the command ended arrives behind anything the command wrote.
    const near = new SerialPortTransport({ path: pair.a, baudRate: 9600 });
    await near.open();
    scope.defer(() => near.close());
    const marked = new Promise<void>((resolve) => far.onData((chunk) => chunk.includes(0x5a) && resolve()));
    await near.write(Uint8Array.of(0x5a));
    await marked;
    expect(received).toEqual([0x5a]);
  }, 30_000);
});
