import { readFileSync, writeFileSync } from "node:fs";
import { BattError, BLE_GATT_PROFILES, bleGattProfile, createMemoryLink, TranscriptRecorder, type LinkDefaults, type Parity, type SimulatorHandle, type Transport } from "@batt/core";
import { TranscriptReplayer } from "@batt/core/testing";
import { BleTransport, HidTransport, SerialPortTransport, TcpTransport } from "@batt/transport-node";
import { choiceValue, integerValue, parseInteger, stringValue } from "./args.js";
import type { OptionValues } from "./command.js";
import { UsageError } from "./exit-codes.js";
import type { Output } from "./output.js";
import { TapTransport } from "./trace.js";

/** What {@link openLink} needs to know besides the flags. */
export interface LinkRequest {
  /** Parsed flags (`--port`, `--baud`, `--tcp`, `--hid`, `--sim`, `--record`, `--replay`, …). */
  readonly values: OptionValues;
  /** The device's defaults (a plugin's `link`); flags override them. */
  readonly defaults?: LinkDefaults;
  /** How `--tcp` carries frames: as they are (`raw`) or in Modbus TCP's MBAP header. */
  readonly tcpFraming?: "raw" | "modbus-tcp";
  /** Starts the simulator on the device end of an in-memory link, for `--sim`. */
  readonly simulate?: (device: Transport) => Promise<SimulatorHandle>;
  /** The command line, written as a comment at the top of a recorded transcript. */
  readonly argv: readonly string[];
  /** For `--verbose` notes. */
  readonly out: Output;
  /** With `--verbose`, trace bytes at the transport (for drivers whose engine the CLI cannot see). */
  readonly tap?: boolean;
}

/** An open transport plus what must happen when the command ends. */
export interface Link {
  /** The open transport the command talks through. */
  readonly transport: Transport;
  /** Closes the transport, stops a simulator, writes a `--record` file, checks a `--replay` (may throw `transcript-mismatch`). */
  close(): Promise<void>;
  /** Cleanup after the command failed: like {@link Link.close} but returns the error that explains the failure best. */
  closeAfterError(error: unknown): Promise<unknown>;
}

/** Serial settings parsed from flags and defaults. */
export interface SerialSettings {
  readonly baudRate: number;
  readonly dataBits: 5 | 6 | 7 | 8;
  readonly parity: Parity;
  readonly stopBits: 1 | 1.5 | 2;
}

/** Reads `--baud`, `--data-bits`, `--parity`, `--stop-bits`, falling back to `defaults` and then 9600 8N1. */
export function serialSettings(values: OptionValues, defaults?: LinkDefaults): SerialSettings {
  const serial = defaults?.kind === "serial" ? defaults : undefined;
  const baudRate = integerValue(values, "baud", 50, 4_000_000) ?? serial?.baudRate ?? 9600;
  const dataBits = (integerValue(values, "data-bits", 5, 8) ?? serial?.dataBits ?? 8) as SerialSettings["dataBits"];
  const parity = choiceValue(values, "parity", ["none", "even", "odd", "mark", "space"] as const) ?? serial?.parity ?? "none";
  const stopText = stringValue(values, "stop-bits");
  if (stopText !== undefined && !["1", "1.5", "2"].includes(stopText)) {
    throw new UsageError(`--stop-bits: expected 1, 1.5 or 2, got "${stopText}"`);
  }
  const stopBits = (stopText !== undefined ? Number(stopText) : (serial?.stopBits ?? 1)) as SerialSettings["stopBits"];
  return { baudRate, dataBits, parity, stopBits };
}

/** Splits `host:port` (`[v6]:port` for IPv6); the port defaults to `defaultPort`. */
export function parseHostPort(text: string, defaultPort: number): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(.+))?$/.exec(text.trim());
  const host = match?.[1] ?? match?.[2];
  if (!match || !host) throw new UsageError(`--tcp: expected HOST:PORT, got "${text}"`);
  const port = match[3] === undefined ? defaultPort : parseInteger(match[3], "--tcp port", 1, 65535);
  return { host, port };
}

/** Reads `--hid PATH|VID:PID`. */
function parseHid(text: string): { path: string } | { vendorId: number; productId: number } {
  const ids = /^(?:0x)?([0-9a-f]{1,4}):(?:0x)?([0-9a-f]{1,4})$/i.exec(text);
  if (ids) return { vendorId: parseInt(ids[1]!, 16), productId: parseInt(ids[2]!, 16) };
  return { path: text };
}

/** `--ble ADDRESS|NAME` with `--ble-profile` (else the device's own profile) and `--ble-mtu`. */
function bleTransport(values: OptionValues, defaults?: LinkDefaults): BleTransport {
  const device = stringValue(values, "ble");
  if (!device) throw new UsageError("--ble needs a device address or name (batt list --ble shows them)");
  const name = stringValue(values, "ble-profile");
  const profile = name !== undefined ? bleGattProfile(name) : defaults?.ble;
  if (!profile) {
    const known = Object.keys(BLE_GATT_PROFILES).join(", ");
    throw new UsageError(name !== undefined ? `--ble-profile: expected one of ${known}, got "${name}"` : `this device has no Bluetooth profile of its own: add --ble-profile (${known})`);
  }
  const mtu = integerValue(values, "ble-mtu", 1, 512);
  return new BleTransport({ device, profile, ...(mtu !== undefined ? { mtu } : {}) });
}

/**
 * Builds and opens the transport the flags ask for: exactly one of `--port`, `--tcp`, `--hid`, `--ble`,
 * `--sim` or `--replay` (a HID device may also be found by the plugin's default ids). `--record`
 * wraps it in a {@link TranscriptRecorder}; the file is written when the link is closed, also after
 * an error. `--replay` plays a transcript and fails on close if lines were left or a write differed.
 *
 * @throws UsageError on conflicting or missing link flags.
 */
export async function openLink(request: LinkRequest): Promise<Link> {
  const { values, defaults } = request;
  const chosen = ["port", "tcp", "hid", "ble", "sim", "replay"].filter((name) => values[name] !== undefined && values[name] !== false);
  if (chosen.length > 1) throw new UsageError(`choose one of ${chosen.map((n) => `--${n}`).join(", ")}`);
  const recordFile = stringValue(values, "record");
  if (recordFile !== undefined && values["replay"] !== undefined) throw new UsageError("--record and --replay cannot be combined");

  // Serial settings are checked even where they are not used (--sim, --replay), so a typo never passes silently.
  const serial = serialSettings(values, defaults);
  let inner: Transport;
  let replayer: TranscriptReplayer | undefined;
  let simulator: { handle?: SimulatorHandle; device: Transport } | undefined;
  const packet = defaults?.kind === "hid" ? { kind: "packet" as const, packetSize: defaults.reportSize } : undefined;

  if (values["sim"] === true) {
    if (!request.simulate) throw new UsageError("this device has no simulator");
    const pair = createMemoryLink(packet ? { kind: "packet", packetSize: packet.packetSize, info: { description: "simulator" } } : { info: { description: "simulator", baudRate: 115200 } });
    inner = pair.host;
    simulator = { device: pair.device };
  } else if (values["replay"] !== undefined) {
    const file = stringValue(values, "replay")!;
    replayer = new TranscriptReplayer(readText(file), packet ? { kind: "packet", info: { packetSize: packet.packetSize, description: `replay of ${file}` } } : { info: { description: `replay of ${file}` } });
    inner = replayer;
  } else if (values["tcp"] !== undefined) {
    const { host, port } = parseHostPort(stringValue(values, "tcp")!, 502);
    inner = new TcpTransport({ host, port, framing: request.tcpFraming ?? "raw" });
  } else if (values["hid"] !== undefined || (values["port"] === undefined && values["ble"] === undefined && defaults?.kind === "hid")) {
    const hidDefaults = defaults?.kind === "hid" ? defaults : undefined;
    const hidValue = values["hid"];
    if (typeof hidValue !== "string" && !hidDefaults) throw new UsageError("--hid needs a device path or VID:PID here (this device has no USB ids of its own)");
    const target =
      typeof hidValue === "string" ? parseHid(hidValue) : { vendorId: hidDefaults!.vendorId, ...(hidDefaults!.productId !== undefined ? { productId: hidDefaults!.productId } : {}) };
    inner = new HidTransport({ ...target, ...(hidDefaults ? { reportSize: hidDefaults.reportSize } : {}) });
  } else if (values["ble"] !== undefined) {
    inner = bleTransport(values, defaults);
  } else if (values["port"] !== undefined) {
    inner = new SerialPortTransport({ path: stringValue(values, "port")!, ...serial });
  } else {
    throw new UsageError(`no device given: use --port PATH, --tcp HOST:PORT, --ble ADDRESS${request.simulate ? " or --sim" : ""}`);
  }

  const recorder = recordFile !== undefined ? new TranscriptRecorder(inner) : undefined;
  const recorded = recorder ?? inner;
  const transport = request.tap && request.out.verbose ? new TapTransport(recorded, (line) => request.out.trace(line)) : recorded;

  const finish = async (): Promise<unknown[]> => {
    const problems: unknown[] = [];
    await transport.close().catch((e: unknown) => problems.push(e));
    if (simulator?.handle) await simulator.handle.stop().catch((e: unknown) => problems.push(e));
    if (simulator) await simulator.device.close().catch((e: unknown) => problems.push(e));
    if (recorder && recordFile !== undefined) {
      try {
        writeFileSync(recordFile, `# batt ${request.argv.join(" ").replace(/[\r\n]+/g, " ")}\n${recorder.toString()}`);
        request.out.trace(`transcript written to ${recordFile}`);
      } catch (error) {
        request.out.note(`batt: warning: cannot write transcript ${recordFile}: ${(error as Error).message}`);
        problems.push(error);
      }
    }
    return problems;
  };

  try {
    if (simulator) {
      await simulator.device.open();
      simulator.handle = await request.simulate!(simulator.device);
    }
    await transport.open();
  } catch (error) {
    await finish();
    throw error;
  }
  request.out.trace(`link: ${transport.info.description ?? "open"}`);

  return {
    transport,
    async close() {
      const problems = await finish();
      replayer?.assertComplete();
      if (problems.length > 0) throw problems[0];
    },
    async closeAfterError(error) {
      await finish();
      // A replay that went off script explains any timeout or odd reply that followed it.
      return replayer?.failures[0] ?? error;
    },
  };
}

/** Runs `work` with an open link and always closes it, reporting the most telling error. */
export async function withLink<T>(request: LinkRequest, work: (link: Link) => Promise<T>): Promise<T> {
  const link = await openLink(request);
  let result: T;
  try {
    result = await work(link);
  } catch (error) {
    throw await link.closeAfterError(error);
  }
  await link.close();
  return result;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new BattError("not-found", `cannot read transcript ${file}: ${(error as Error).message}`, { cause: error });
  }
}
