/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Structured fields of a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Where the gateway reports what it does. */
export interface Logger {
  /** Detail for debugging. */
  debug(message: string, fields?: LogFields): void;
  /** Normal operation (started, connected, device online). */
  info(message: string, fields?: LogFields): void;
  /** Something went wrong and is being handled (a device offline, a reconnect). */
  warn(message: string, fields?: LogFields): void;
  /** Something failed. */
  error(message: string, fields?: LogFields): void;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** `text` (readable, the default) or `json` (one JSON object per line). */
  readonly format?: "text" | "json";
  /** Least severity written (default `info`). */
  readonly level?: LogLevel;
  /** Where lines go (default: standard error). */
  readonly write?: (line: string) => void;
  /** Time stamps (default: now). */
  readonly now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A logger writing lines: `2026-12-06T10:00:00.000Z info  message key=value` or JSON lines. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? "text";
  const least = RANK[options.level ?? "info"];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const log = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (RANK[level] < least) return;
    const time = now().toISOString();
    if (format === "json") {
      write(`${JSON.stringify({ time, level, msg: message, ...fields })}\n`);
      return;
    }
    const extra = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === "string" && !/\s/.test(v) ? v : JSON.stringify(v)}`)
      .join(" ");
    write(`${time} ${level.padEnd(5)} ${message}${extra ? ` ${extra}` : ""}\n`);
  };
  return {
    debug: (m, f) => log("debug", m, f),
    info: (m, f) => log("info", m, f),
    warn: (m, f) => log("warn", m, f),
    error: (m, f) => log("error", m, f),
  };
}

/** A logger that drops everything (tests, embedding). */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
