#!/usr/bin/env node
import { watchClosedOutput } from "./closed-output.js";
import { ExitCode } from "./exit-codes.js";
import { main } from "./main.js";

// Ctrl-C cancels the running command through its AbortSignal (exit 130); a second Ctrl-C quits at once.
const controller = new AbortController();
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});
// A reader that goes away (`batt monitor … | head -1`) ends the command like Ctrl-C, but it is a normal end (exit 0).
const output = watchClosedOutput([process.stdout, process.stderr], () => controller.abort());

main(process.argv.slice(2), { signal: controller.signal }).then(
  (code) => {
    process.exitCode = output.closed && (code === ExitCode.Interrupted || code === ExitCode.Ok) ? ExitCode.Ok : code;
  },
  (error: unknown) => {
    if (!output.closed) process.stderr.write(`batt: internal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
