import { BattError } from "@batt/core";

/** Where in the config file a problem is. */
export interface ConfigProblem {
  /** 1-based line, when known. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** The field, as a path (`links[0].devices[1].poll`). */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
}

/**
 * A config file that cannot be used. An `invalid-argument` `BattError` (the `batt` command exits 2); the
 * message names the file, line and field of every problem, one per line.
 */
export class GatewayConfigError extends BattError {
  /** Every problem found. */
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `${file}${p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ""}` : ""}: ${p.field ? `${p.field}: ` : ""}${p.message}`);
    super("invalid-argument", `invalid gateway config\n${lines.join("\n")}`);
    this.name = "GatewayConfigError";
    this.problems = problems;
  }
}
