import { existsSync, watch } from "node:fs";
import { basename, dirname } from "node:path";

/**
 * Calls `gone` once when the device node at `path` disappears (USB adapter unplugged, pty
 * master closed). Linux only; elsewhere, or when the directory cannot be watched, it does
 * nothing. Returns a function that stops watching.
 *
 * Why: on Linux, a tty that hangs up while no read is waiting in poll() reads as end-of-file,
 * which the serialport bindings retry forever instead of reporting; the node vanishing from
 * /dev is the dependable sign. The directory is watched, not the node: an open node's inode
 * lives on after removal, so only the directory reports the unlink.
 */
export function watchDeviceNode(path: string, gone: () => void): () => void {
  if (process.platform !== "linux") return () => undefined;
  const name = basename(path);
  try {
    const watcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
      if (changed !== null && String(changed) !== name) return;
      if (!existsSync(path)) {
        watcher.close();
        gone();
      }
    });
    watcher.on("error", () => watcher.close());
    return () => watcher.close();
  } catch {
    return () => undefined;
  }
}
