import type { DevicePlugin } from "@batt/core";
import type { CommandTreeNode, GroupNode } from "../command.js";
import { completeCommand, completionCommand } from "./completion.js";
import { deviceCommandGroup } from "./device-commands.js";
import { deviceDecodeCommand } from "./device-decode.js";
import { deviceMonitorCommand } from "./device-monitor.js";
import { deviceReadCommand } from "./device-read.js";
import { deviceSimCommand } from "./device-sim.js";
import { fingerprintGroup } from "./fingerprint.js";
import { gatewayCommand } from "./gateway.js";
import { listCommand } from "./list.js";
import { modbusReadCommand } from "./modbus-read.js";
import { modbusWriteCommand } from "./modbus-write.js";
import { simModbusCommand } from "./sim-modbus.js";

/** Words the CLI itself uses at the top level; a plugin with such an id gets no `batt <id> …` group. */
const RESERVED = new Set(["list", "modbus", "read", "monitor", "decode", "sim", "fingerprint", "gateway", "help", "completion", "__complete"]);

function deviceList(plugins: readonly DevicePlugin[]): string {
  return plugins.length === 0 ? "No device plugins are installed." : `Devices: ${plugins.map((p) => p.id).join(", ")}.`;
}

/**
 * The whole command tree: built-in commands plus, for every device plugin, `read`, `monitor`,
 * `decode` and `sim` entries and a `batt <id> …` group with the plugin's own commands.
 */
export function buildCommandTree(plugins: readonly DevicePlugin[]): GroupNode {
  const decoders = plugins.filter((p) => p.decode !== undefined);
  const simulators = plugins.filter((p) => p.simulate !== undefined);
  const children: CommandTreeNode[] = [
    listCommand,
    {
      kind: "group",
      name: "modbus",
      summary: "read and write any Modbus RTU or Modbus TCP device",
      description: "A general Modbus tool: read and write coils, discrete inputs, holding and input registers over a serial port, a TCP gateway or Modbus TCP. --sim talks to a built-in simulated battery monitor.",
      children: [modbusReadCommand, modbusWriteCommand],
    },
    {
      kind: "group",
      name: "read",
      childLabel: "device",
      summary: "read a device once",
      description: `Reads a device once and prints its live values. ${deviceList(plugins)}`,
      children: plugins.map(deviceReadCommand),
    },
    {
      kind: "group",
      name: "monitor",
      childLabel: "device",
      summary: "read a device repeatedly until Ctrl-C",
      description: `Reads a device every --interval ms. ${deviceList(plugins)}`,
      children: plugins.map(deviceMonitorCommand),
    },
    {
      kind: "group",
      name: "decode",
      childLabel: "device",
      summary: "decode a captured frame (hex) offline",
      description: `Decodes bytes captured from a device and prints JSON. ${deviceList(decoders)}`,
      children: decoders.map(deviceDecodeCommand),
    },
    {
      kind: "group",
      name: "sim",
      childLabel: "device",
      summary: "run a device simulator on a serial port",
      description: `Serves a simulated device on a serial port until Ctrl-C. Simulators: modbus${simulators.map((p) => `, ${p.id}`).join("")}.`,
      children: [simModbusCommand, ...simulators.map(deviceSimCommand)],
    },
    fingerprintGroup(),
    gatewayCommand,
    ...plugins.filter((p) => !RESERVED.has(p.id) && (p.commands?.length ?? 0) > 0).map(deviceCommandGroup),
  ];
  children.push(completionCommand, completeCommand(() => root));
  const root: GroupNode = {
    kind: "group",
    name: "",
    summary: "batt: battery and charger tool",
    description: "batt: talk to battery management systems, chargers and Modbus devices.",
    children,
  };
  return root;
}
