import { BattError, createMemoryLink, type DevicePlugin, type PluginOptionValues, type SimulatorHandle, type Transport } from "@batt/core";
import { HidTransport, SerialPortTransport, TcpTransport } from "@batt/transport-node";
import type { DeviceConfig, LinkConfig } from "../config/gateway-config.js";

/** An opened link: its transport, and for a `sim` link the simulators answering on it. */
export interface OpenedLink {
  /** The transport the devices are read through (open). */
  readonly transport: Transport;
  /** Closes the transport and stops the simulators. */
  close(): Promise<void>;
}

/** A device's plugin option values: its `options`, plus `address` from the device's own field. */
export function pluginOptions(device: DeviceConfig): PluginOptionValues {
  const values: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(device.options ?? {})) values[name] = typeof value === "number" ? String(value) : value;
  if (device.address !== undefined) values["address"] = String(device.address);
  return values;
}

/**
 * Builds and opens the transport of a link, a new one on every call (a reconnect gets a fresh
 * port). The first device's plugin gives serial settings and HID ids the config leaves out.
 */
export async function openLinkTransport(link: LinkConfig, plugins: readonly DevicePlugin[]): Promise<OpenedLink> {
  const first = plugins[0];
  if (!first) throw new BattError("invalid-argument", "a link needs at least one device");
  const defaults = first.link;
  switch (link.type) {
    case "serial": {
      const serial = defaults.kind === "serial" ? defaults : undefined;
      const transport = new SerialPortTransport({
        path: link.path!,
        baudRate: link.baud ?? serial?.baudRate ?? 9600,
        dataBits: link.dataBits ?? ((serial?.dataBits ?? 8) as 5 | 6 | 7 | 8),
        parity: link.parity ?? serial?.parity ?? "none",
        stopBits: link.stopBits ?? ((serial?.stopBits ?? 1) as 1 | 1.5 | 2),
      });
      return opened(transport);
    }
    case "tcp":
    case "modbus-tcp": {
      const transport = new TcpTransport({ host: link.host!, port: link.port ?? 502, framing: link.type === "tcp" ? "raw" : "modbus-tcp" });
      return opened(transport);
    }
    case "hid": {
      const hid = defaults.kind === "hid" ? defaults : undefined;
      const target = link.path !== undefined ? { path: link.path } : { vendorId: link.vendorId ?? hid?.vendorId ?? 0, ...((link.productId ?? hid?.productId) !== undefined ? { productId: (link.productId ?? hid?.productId)! } : {}) };
      if (!("path" in target) && target.vendorId === 0) throw new BattError("invalid-argument", "a hid link needs a path or a vendorId");
      return opened(new HidTransport({ ...target, ...(hid ? { reportSize: hid.reportSize } : {}) }));
    }
    case "sim":
      return openSimulatorLink(link, plugins);
  }
}

async function opened(transport: Transport): Promise<OpenedLink> {
  await transport.open();
  return { transport, close: () => transport.close() };
}

/** An in-memory link with every device's simulator on its device end (Modbus simulators answer their own address). */
async function openSimulatorLink(link: LinkConfig, plugins: readonly DevicePlugin[]): Promise<OpenedLink> {
  const hid = plugins[0]!.link.kind === "hid" ? plugins[0]!.link : undefined;
  const pair = createMemoryLink(hid ? { kind: "packet", packetSize: hid.reportSize, info: { description: "simulator" } } : { info: { description: "simulator", baudRate: 115200 } });
  const handles: SimulatorHandle[] = [];
  const close = async (): Promise<void> => {
    await pair.host.close();
    for (const handle of handles.splice(0)) await handle.stop().catch(() => undefined);
    await pair.device.close();
  };
  try {
    await pair.device.open();
    for (const [i, device] of link.devices.entries()) {
      const plugin = plugins[i]!;
      if (!plugin.simulate) throw new BattError("unsupported", `"${plugin.id}" has no simulator`);
      handles.push(await plugin.simulate(pair.device, pluginOptions(device)));
    }
    await pair.host.open();
  } catch (error) {
    await close();
    throw error;
  }
  return { transport: pair.host, close };
}
