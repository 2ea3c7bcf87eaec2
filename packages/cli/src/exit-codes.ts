/**
 * Exit codes of the `batt` command. Scripts can tell a mistake on the command line from a
 * device that did not answer.
 */
export const ExitCode = {
  /** The command did what was asked. */
  Ok: 0,
  /** A device or link error: timeout, exception reply, port not found, transcript mismatch. */
  DeviceError: 1,
  /** A usage error: unknown command or option, a bad or missing value (also an `invalid-argument` error from a driver). Nothing was sent. */
  Usage: 2,
  /** Interrupted by Ctrl-C (128 + SIGINT, as shells report it). */
  Interrupted: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * A mistake on the command line. Raised before anything is sent to a device; the CLI prints
 * `batt: usage: <message>` and exits with {@link ExitCode.Usage}.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command path whose `--help` explains the fix (`["modbus", "read"]`). */
    readonly commandPath: readonly string[] = [],
  ) {
    super(message);
    this.name = "UsageError";
  }
}
