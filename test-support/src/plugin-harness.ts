import { createMemoryLink, type DevicePlugin, type DeviceSession, type MemoryLinkOptions, type PluginCommand, type PluginCommandContext, type PluginOptionValues } from "@batt/core";
import { afterEach } from "vitest";

/** What {@link pluginHarness} gives a plugin test file. */
export interface PluginHarness {
  /**
   * The plugin's simulator on one end of an in-memory link and a session on the other, both given
   * `options` (the session after the harness's defaults); stopped and closed after the test.
   */
  connected(options?: PluginOptionValues): Promise<DeviceSession>;
  /** The plugin command called `name`; throws when there is none. */
  command(name: string): PluginCommand;
  /**
   * Runs a command as the CLI would (its check phase, then the work), without Ctrl-C; progress notes go to `log` (default: dropped);
   * `host` gives the command file reading and a progress callback, as the CLI does.
   */
  run(
    session: DeviceSession,
    name: string,
    args?: string[],
    options?: PluginOptionValues,
    log?: (message: string) => void,
    host?: Pick<PluginCommandContext, "readFile" | "progress">,
  ): Promise<unknown>;
}

/**
 * Runs a device plugin's simulator, sessions and commands in one process, for plugin tests. Call it
 * once at the top level of a test file; what `connected()` starts is stopped after each test.
 *
 * @param connectDefaults Session options that come before each test's own (short timeouts, no pacing).
 * @param link The in-memory link (default: a byte stream at 9600 baud, so RTU timing applies).
 */
export function pluginHarness(plugin: DevicePlugin, connectDefaults: PluginOptionValues = {}, link: MemoryLinkOptions = { info: { baudRate: 9600 } }): PluginHarness {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  const command = (name: string): PluginCommand => {
    const found = plugin.commands?.find((c) => c.name === name);
    if (!found) throw new Error(`no command ${name}`);
    return found;
  };
  return {
    command,
    async connected(options = {}) {
      if (!plugin.simulate) throw new Error(`plugin ${plugin.id} has no simulator`);
      const { host, device } = createMemoryLink(link);
      await Promise.all([host.open(), device.open()]);
      const sim = await plugin.simulate(device, options);
      stops.push(() => sim.stop());
      const session = await plugin.connect(host, { ...connectDefaults, ...options });
      stops.push(() => session.close());
      return session;
    },
    async run(session, name, args = [], options = {}, log = () => undefined, host = {}) {
      const found = command(name);
      const input: unknown = found.prepare ? await found.prepare(args, options, host.readFile ? { readFile: host.readFile } : {}) : undefined;
      return found.run({ session, args, options, input, signal: new AbortController().signal, log, ...host });
    },
  };
}
