import { ModbusClient } from "@batt/modbus-rtu";
import type { CommandContext } from "../command.js";
import { withLink } from "../link.js";
import { formatEngineTrace } from "../trace.js";
import { framingValue, requestValues } from "./modbus-options.js";

/**
 * Opens the link the flags ask for (`--sim`: the built-in battery monitor over an in-memory link),
 * puts a {@link ModbusClient} on it with `--timeout`, `--retries` and `--framing`, runs `work`, and
 * always cleans up. With `--verbose`, the client's engine traces every byte, timeout and retry.
 */
export async function withModbusClient<T>(context: CommandContext, work: (client: ModbusClient) => Promise<T>): Promise<T> {
  const framing = framingValue(context.values);
  const { timeoutMs, retries } = requestValues(context.values);
  return withLink(
    {
      values: context.values,
      argv: context.argv,
      out: context.out,
      tcpFraming: framing === "tcp" ? "modbus-tcp" : "raw",
      simulate: async (device) => context.demoDevice().serve(device, framing),
    },
    async (link) => {
      const client = new ModbusClient(link.transport, { framing, timeoutMs, ...(retries > 0 ? { retry: { retries } } : {}) });
      const stopTrace = client.engine.onTrace((event) => context.out.trace(formatEngineTrace(event)));
      try {
        return await work(client);
      } finally {
        stopTrace();
        client.dispose();
      }
    },
  );
}
