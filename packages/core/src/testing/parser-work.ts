import { BattError } from "../errors.js";
import type { FrameParser, ParseResult } from "../frame-parser.js";

/** What a metered parser did (see {@link meterParser}). */
export interface ParserWork {
  /** Calls of `parse`. */
  calls: number;
  /** Bytes the parser read from the buffers it was given: element reads, bytes scanned by `indexOf`, copied by `slice`. */
  reads: number;
  /** Results that carried an `Error` object (a parser must describe a rejection, not build an error for it). */
  resultsWithErrors: number;
}

/** Options of {@link meterParser}. */
export interface MeterParserOptions {
  /** Largest number of reads allowed; one more throws, so a super-linear parser fails fast instead of running for minutes. */
  readonly budget?: number;
}

/**
 * Wraps a parser so that its work can be counted without a clock: every buffer it is handed is seen
 * through a proxy that counts the bytes read (sub-arrays it takes are metered too). Use it to prove
 * a parser linear: feed hostile bytes through a `FrameDecoder` and compare `reads` with the input length.
 *
 * @example
 * const { parser, work } = meterParser(myParser, { budget: 64 * input.length });
 * new FrameDecoder(parser).push(input);
 * expect(work.reads).toBeLessThan(64 * input.length);
 */
export function meterParser<F>(inner: FrameParser<F>, options: MeterParserOptions = {}): { readonly parser: FrameParser<F>; readonly work: ParserWork } {
  const work: ParserWork = { calls: 0, reads: 0, resultsWithErrors: 0 };
  const budget = options.budget ?? Number.POSITIVE_INFINITY;
  const charge = (count: number): void => {
    work.reads += count;
    if (work.reads > budget) throw new Error(`parser work budget exceeded: more than ${budget} byte reads`);
  };
  const meter = (bytes: Uint8Array): Uint8Array =>
    new Proxy(bytes, {
      get(target, key) {
        if (typeof key === "string") {
          const first = key.charCodeAt(0);
          if (first >= 48 && first <= 57) {
            charge(1);
            return target[Number(key)];
          }
          if (key === "subarray") return (start?: number, end?: number) => meter(target.subarray(start, end));
          if (key === "slice") {
            return (start?: number, end?: number) => {
              const copy = target.slice(start, end);
              charge(copy.length);
              return copy;
            };
          }
          if (key === "indexOf") {
            return (value: number, from = 0) => {
              const at = target.indexOf(value, from);
              charge((at < 0 ? target.length : at + 1) - Math.max(0, from));
              return at;
            };
          }
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  const parser: FrameParser<F> = {
    parse(buffer, checkedTo): ParseResult<F> {
      work.calls++;
      const result = inner.parse(meter(buffer), checkedTo);
      if (Object.values(result).some((value) => value instanceof Error)) work.resultsWithErrors++;
      return result;
    },
  };
  return { parser, work };
}

/**
 * Runs `run` and counts the `BattError`s constructed meanwhile (synchronously), to show that errors
 * are made per reported run or on demand, not per rejected byte.
 */
export function countBattErrors<T>(run: () => T): { readonly result: T; readonly constructed: number } {
  let constructed = 0;
  const proto = BattError.prototype as unknown as Record<string, unknown>;
  // The constructor assigns `name`; a setter on the prototype sees every construction.
  Object.defineProperty(proto, "name", {
    configurable: true,
    set(this: object, value: string) {
      constructed++;
      Object.defineProperty(this, "name", { value, writable: true, enumerable: true, configurable: true });
    },
  });
  try {
    return { result: run(), constructed };
  } finally {
    delete proto["name"];
  }
}
