import type { DevicePlugin, PluginOptionValues, SimulatorHandle, Transport } from "@batt/core";
import { BlePeripheralHost } from "@batt/core/simulator";
import { SerialPortTransport } from "@batt/transport-node";
import { integerValue, stringValue } from "../args.js";
import type { CommandNode, OptionSpec } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { serialSettings } from "../link.js";
import { pluginOptionSpecs, pluginValues } from "./device-session.js";
import { serveUntilAborted, tapped } from "./serve.js";

/** Options of the simulator commands: the serial port to answer on and its settings. */
export function simPortOptions(baudDefault: number | undefined): OptionSpec[] {
  const section = "Link options";
  return [
    { name: "port", type: "string", valueName: "PATH", description: "serial port to answer on (one end of a null-modem cable or socat pair)", section },
    { name: "baud", type: "string", valueName: "N", description: "baud rate", ...(baudDefault !== undefined ? { default: String(baudDefault) } : {}), section },
    { name: "parity", type: "string", valueName: "none|even|odd", description: "parity", section },
    { name: "data-bits", type: "string", valueName: "7|8", description: "data bits", section },
    { name: "stop-bits", type: "string", valueName: "1|2", description: "stop bits", section },
    { name: "ble-mtu", type: "string", valueName: "N", description: "answer as a Bluetooth module does: each reply cut into writes of N bytes (20 as on BLE)", section },
  ];
}

/** `batt sim <id> --port PATH`: serves the plugin's simulator on a serial port until Ctrl-C. */
export function deviceSimCommand(plugin: DevicePlugin): CommandNode {
  const base = simPortOptions(plugin.link.kind === "serial" ? plugin.link.baudRate : undefined);
  const own = pluginOptionSpecs(plugin, [], base);
  return {
    kind: "command",
    name: plugin.id,
    summary: `simulate a ${plugin.title} on a serial port`,
    description: `Answers as a simulated ${plugin.title} on --port until Ctrl-C, for testing software or the CLI itself (pair it with socat: socat -d -d pty,raw,echo=0 pty,raw,echo=0).`,
    options: [...own, ...base],
    examples: [`batt sim ${plugin.id} --port /dev/pts/3`],
    async run(context) {
      const path = stringValue(context.values, "port");
      if (path === undefined) throw new UsageError("--port PATH is required");
      const mtu = integerValue(context.values, "ble-mtu", 1, 512);
      const transport = tapped(context, new SerialPortTransport({ path, ...serialSettings(context.values, plugin.link) }));
      await transport.open();
      try {
        const options = pluginValues(context.values, own);
        const handle = mtu === undefined ? await plugin.simulate!(transport, options) : await behindBleModule(plugin, transport, options, mtu);
        return await serveUntilAborted(context, `simulating ${plugin.title} on ${transport.info.description ?? path}`, () => handle.stop());
      } finally {
        await transport.close();
      }
    },
  };
}

/**
 * Serves the simulator behind a {@link BlePeripheralHost}: requests reach it as they arrive, each reply
 * goes out in pieces of at most `mtu` bytes, one write per piece, as a Bluetooth module's notifications
 * reach a host (for testing reassembly over a serial line or a BLE-UART bridge).
 */
async function behindBleModule(plugin: DevicePlugin, transport: Transport, options: PluginOptionValues, mtu: number): Promise<SimulatorHandle> {
  let started: Promise<SimulatorHandle> | undefined;
  const host = new BlePeripheralHost(
    {
      attach: (device) => (started = plugin.simulate!(device, options)),
      detach: () => void started?.then((handle) => handle.stop()),
    },
    { mtu },
  );
  const offNotify = host.onNotify((piece) => void transport.write(piece).catch(() => undefined));
  const offData = transport.onData((chunk) => void host.write(chunk).catch(() => undefined));
  await host.start();
  await started;
  return {
    async stop() {
      offData();
      offNotify();
      await host.stop();
    },
  };
}
