import type { DeviceControl } from "./device/device-control.js";
import type { DeviceSettings } from "./device/device-settings.js";
import type { DeviceCategory } from "./model/device-identity.js";
import type { DeviceReading } from "./model/device-reading.js";
import type { Parity, Transport } from "./transport.js";
import type { BleGattProfile } from "./ble/gatt-profiles.js";

/**
 * How to reach a device by default: a serial line with its settings, or a USB HID device; and, for a
 * device sold with a Bluetooth module, that module's GATT profile.
 * Command-line flags override these.
 */
export type LinkDefaults = (
  | {
      readonly kind: "serial";
      readonly baudRate: number;
      readonly dataBits?: number;
      readonly parity?: Parity;
      readonly stopBits?: number;
    }
  | { readonly kind: "hid"; readonly vendorId: number; readonly productId?: number; readonly reportSize: number }
) & {
  /** The GATT profile of the device's Bluetooth module, for `--ble` (absent: the device has none). */
  readonly ble?: BleGattProfile;
};

/** A command-line option a plugin adds (`--address 2`, `--protocol pb`). */
export interface PluginOption {
  /** Long name without dashes. */
  readonly name: string;
  /** `string` takes a value; `boolean` is a switch. */
  readonly type: "string" | "boolean";
  /** One line for `--help`. */
  readonly description: string;
  /** What the value is, for `--help` (`volts`, `slot`; default: the option's name). */
  readonly valueName?: string;
  /** Value when the flag is absent. */
  readonly default?: string | boolean;
  /**
   * Checks a given value before any link is opened (a usage error sends nothing).
   *
   * @throws BattError `invalid-argument` for a value the option does not take.
   */
  readonly check?: (value: string) => void;
}

/** Parsed option values handed to a plugin, by long name. */
export type PluginOptionValues = Readonly<Record<string, string | boolean | undefined>>;

/**
 * An open connection to one device, as the `batt` command, the dashboard and the gateway use it.
 *
 * @typeParam Details - The device's own reading, carried in {@link DeviceReading.reading}.
 */
export interface DeviceSession<Details = unknown> {
  /** One complete reading in the shared model: measurements, batteries, and the device's details (JSON-ready). */
  read(signal?: AbortSignal): Promise<DeviceReading<Details>>;
  /** What an application may change while it watches the device (absent: nothing). */
  readonly controls?: readonly DeviceControl[];
  /** The device's stored settings, for an editor and backups (absent: the device has none we can write). */
  readonly settings?: DeviceSettings;
  /** Releases the driver (the transport is closed by the caller). */
  close(): Promise<void>;
}

/** A running simulator. */
export interface SimulatorHandle {
  /** Stops answering and releases timers. */
  stop(): Promise<void>;
}

/** What a plugin command gets to work with. */
export interface PluginCommandContext<Input = unknown> {
  /** The connected device. */
  readonly session: DeviceSession;
  /** Positional arguments after the command name. */
  readonly args: readonly string[];
  /** Option values (plugin and command options). */
  readonly options: PluginOptionValues;
  /** Fires on Ctrl-C. */
  readonly signal: AbortSignal;
  /** Progress and notes for a person (stderr in the CLI). */
  readonly log: (message: string) => void;
  /**
   * Reads a file the user named (a firmware image, a backup), where the host can; absent where it
   * cannot (a browser page), so commands that need it must say so.
   */
  readonly readFile?: (path: string) => Promise<Uint8Array>;
  /** Reports how far a long operation is (`done` of `total` units); the CLI draws a progress bar. */
  readonly progress?: (done: number, total: number, label: string) => void;
  /** What {@link PluginCommand.prepare} returned: the checked arguments and files (undefined without it). */
  readonly input: Input;
}

/**
 * A command's result laid out for a person: column names and rows of text, with units in the text
 * or the header ("3.65 V"). The CLI draws it (aligned, coloured where it helps); `--json` prints the
 * result itself instead.
 */
export interface ResultTable {
  /** Column names. */
  readonly header: readonly string[];
  /** One entry per row, one text per column. */
  readonly rows: readonly (readonly string[])[];
  /** Per column (default left); numbers read best right-aligned. */
  readonly align?: readonly ("left" | "right")[];
}

/** What a command's check phase ({@link PluginCommand.prepare}) may use of the host; no device yet. */
export interface PluginCommandHost {
  /** Reads a file the user named, where the host can (absent in a browser page). */
  readonly readFile?: (path: string) => Promise<Uint8Array>;
}

/**
 * A device-specific subcommand: `batt <device> <name> …`.
 *
 * @typeParam Input - What {@link PluginCommand.prepare} hands to {@link PluginCommand.run}.
 */
export interface PluginCommand<Input = unknown> {
  /** Subcommand name, possibly with a space for nesting (`"settings get"`). */
  readonly name: string;
  /** One line for `--help`. */
  readonly summary: string;
  /** Argument synopsis for `--help` (`"<name> <value>"`). */
  readonly usage?: string;
  /**
   * Whether it changes the device; the CLI then requires `--yes`. A function decides from the
   * option values, for commands that change the device only with some options (`ir --auto`).
   */
  readonly changesDevice: boolean | ((options: PluginOptionValues) => boolean);
  /** Extra options of this command. */
  readonly options?: readonly PluginOption[];
  /**
   * The check phase, run before the link is opened: parses and validates the arguments and options
   * and reads the files the command needs, and returns them for `run` (as `context.input`). Throws
   * a `BattError` `invalid-argument` for a mistake (a usage error: nothing was sent).
   */
  prepare?(args: readonly string[], options: PluginOptionValues, host: PluginCommandHost): Input | Promise<Input>;
  /**
   * Runs without a device (`settings list` reads the plugin's own tables): the CLI opens no link and
   * `context.session` is not to be used.
   */
  readonly offline?: boolean;
  /** The result as a table for a person (absent: the CLI lays the result out itself). */
  table?(result: unknown, options: PluginOptionValues): ResultTable;
  /** Does the work; the result is printed (JSON with `--json`). */
  run(context: PluginCommandContext<Input>): Promise<unknown>;
}

/**
 * What a device package offers the `batt` command, exported from its `./cli` subpath as `plugin`.
 * The CLI finds plugins by their packages, so adding a device needs no change to a central list.
 * Everything here is platform-free: the CLI supplies the transport.
 */
export interface DevicePlugin<Details = unknown> {
  /** Device id used on the command line (`jbd`, `jk`, `icharger`). */
  readonly id: string;
  /** Human name. */
  readonly title: string;
  /** What kind of device it is. */
  readonly category: DeviceCategory;
  /** How to reach it by default. */
  readonly link: LinkDefaults;
  /** Options that apply to every command of this device. */
  readonly options?: readonly PluginOption[];
  /** Opens a driver over an open transport. */
  connect(transport: Transport, options: PluginOptionValues): Promise<DeviceSession<Details>>;
  /** Decodes a captured frame or report (`batt decode <id> <hex>`); throws a BattError when it is not valid. */
  decode?(bytes: Uint8Array, options: PluginOptionValues): unknown;
  /** Starts a simulator of the device answering on `transport` (`--sim`, `batt sim <id>`). */
  simulate?(transport: Transport, options: PluginOptionValues): Promise<SimulatorHandle>;
  /** Device-specific subcommands. */
  readonly commands?: readonly PluginCommand[];
}

/**
 * What a plugin is, without its code: its id, title, category and default link (with the Bluetooth
 * module's GATT profile where it has one). Each device package exports it from its `./info` subpath,
 * a small platform-free module, and spreads it into its plugin: a menu (the dashboard's) lists the
 * devices from these and loads a plugin's code only when it is used.
 */
export type DevicePluginInfo = Pick<DevicePlugin, "id" | "title" | "category" | "link">;
