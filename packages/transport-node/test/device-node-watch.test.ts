import { mkdtempSync, rmSync, unlinkSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { watchDeviceNode } from "../src/device-node-watch.js";

/**
 * Creates `name` in `dir` and resolves once a watcher of `dir` has seen it. inotify delivers a
 * directory's events in order, so every earlier event has been handled by then.
 */
function settle(dir: string, name: string): Promise<void> {
  return new Promise((resolve) => {
    const barrier = watch(dir, (_event, changed) => {
      if (String(changed) !== name) return;
      barrier.close();
      resolve();
    });
    writeFileSync(join(dir, name), "");
  });
}

describe.runIf(process.platform === "linux")("watchDeviceNode", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("fires once when the node is removed, not when a neighbour is", async () => {
    dir = mkdtempSync(join(tmpdir(), "batt-watch-"));
    const node = join(dir, "ttyUSB0");
    const neighbour = join(dir, "ttyUSB1");
    writeFileSync(node, "");
    writeFileSync(neighbour, "");
    const gone = vi.fn();
    const stop = watchDeviceNode(node, gone);
    unlinkSync(neighbour);
    await settle(dir, "marker");
    expect(gone).not.toHaveBeenCalled();
    unlinkSync(node);
    await vi.waitFor(() => expect(gone).toHaveBeenCalledTimes(1));
    stop();
  });

  it("stops when asked", async () => {
    dir = mkdtempSync(join(tmpdir(), "batt-watch-"));
    const node = join(dir, "ttyACM0");
    writeFileSync(node, "");
    const gone = vi.fn();
    watchDeviceNode(node, gone)();
    unlinkSync(node);
    await settle(dir, "marker");
    expect(gone).not.toHaveBeenCalled();
  });
});
