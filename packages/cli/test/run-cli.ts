import { main, type MainOptions } from "../src/index.js";
import { createDemoDevice } from "../src/sim/demo-modbus-device.js";

/** What one in-process run of the CLI printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main()` with captured output, a fresh simulated device and no discovered plugins unless given. */
export async function runCli(argv: readonly string[], options: MainOptions = {}, terminal = false): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    plugins: [],
    demoDevice: createDemoDevice(),
    ...options,
    stdout: { write: (text: string) => (stdout += text), isTTY: terminal },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
