import type { DevicePlugin } from "@batt/core";
import type { DemoModbusDevice } from "./sim/demo-modbus-device.js";
import type { Output } from "./output.js";

/** A command-line option as the parser and `--help` see it. */
export interface OptionSpec {
  /** Long name without dashes (`address` for `--address`). */
  readonly name: string;
  /** One-letter alias (`h` for `-h`). */
  readonly short?: string;
  /** `string` takes a value; `boolean` is a switch. */
  readonly type: "string" | "boolean";
  /** Placeholder for the value in `--help` (`N`, `PATH`). */
  readonly valueName?: string;
  /**
   * For a `string` option that may also stand alone (`--hid`: the device's default ids): the next
   * word is its value only when it matches this pattern; alone, the option's value is `true`.
   */
  readonly optionalValue?: RegExp;
  /** One line for `--help`. */
  readonly description: string;
  /** Value when the option is absent (shown in `--help`). */
  readonly default?: string | boolean;
  /** Default shown in `--help` when the command works it out itself (the option stays `undefined` when absent). */
  readonly defaultText?: string;
  /** Heading the option is listed under in `--help` (default `Options`). */
  readonly section?: string;
}

/** Parsed option values by long name; absent options without a default are `undefined`. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** What a command gets when it runs. */
export interface CommandContext {
  /** Option values (command, shared and global options). */
  readonly values: OptionValues;
  /** Positional arguments after the command name. */
  readonly positionals: readonly string[];
  /** The full command line, for notes in recorded transcripts. */
  readonly argv: readonly string[];
  /** Where results, notes and traces go. */
  readonly out: Output;
  /** Fires on Ctrl-C. */
  readonly signal: AbortSignal;
  /** Device plugins known to this run. */
  readonly plugins: readonly DevicePlugin[];
  /** The simulated Modbus device that `--sim` talks to. */
  readonly demoDevice: () => DemoModbusDevice;
}

/** A command that does something (a leaf of the command tree). */
export interface CommandNode {
  readonly kind: "command";
  /** The word that selects it. */
  readonly name: string;
  /** One line for the parent's `--help`. */
  readonly summary: string;
  /** More text for its own `--help`. */
  readonly description?: string;
  /** Left out of help and completion (`__complete`). */
  readonly hidden?: boolean;
  /** Positional synopsis (`<hex>`, `[VALUE…]`). */
  readonly usage?: string;
  /** Least and most positional arguments (default none). */
  readonly positionals?: { readonly min: number; readonly max: number };
  /** Options besides the global ones. */
  readonly options: readonly OptionSpec[];
  /** Example command lines for `--help`. */
  readonly examples?: readonly string[];
  /** Does the work; resolves with the exit code (default 0). */
  run(context: CommandContext): Promise<number | void>;
}

/** A word that groups subcommands (`modbus`, `sim`, a device id). */
export interface GroupNode {
  readonly kind: "group";
  /** The word that selects it (empty for the root). */
  readonly name: string;
  /** One line for the parent's `--help`. */
  readonly summary: string;
  /** More text for its own `--help`. */
  readonly description?: string;
  /** Left out of help and completion. */
  readonly hidden?: boolean;
  /** Subcommands in `--help` order. */
  readonly children: readonly CommandTreeNode[];
  /** What the next word names, for `--help` (default `command`; `device` under `read`). */
  readonly childLabel?: string;
}

/** A node of the command tree. */
export type CommandTreeNode = CommandNode | GroupNode;
