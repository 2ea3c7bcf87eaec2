import { bytesEqual } from "../bytes.js";
import { isBattError, type BattError } from "../errors.js";
import { toHex } from "../hex.js";
import type { Transport } from "../transport.js";

/** Two transports joined so that what one writes the other receives (for a packet link: report for report). */
export interface TransportPair {
  /** The transport under test. */
  readonly a: Transport;
  /** Its peer (may be the same kind or a test double). */
  readonly b: Transport;
  /** Releases whatever the pair holds (processes, ports). */
  readonly dispose?: () => Promise<void>;
  /** Takes the link away under `a` (unplug, kill the peer process, reset the socket), when the pair can. */
  readonly cut?: () => Promise<void> | void;
}

/** One check of the contract; run it with any test runner. */
export interface ContractCase {
  /** What it checks. */
  readonly name: string;
  /** Resolves when the check passes; rejects with the reason otherwise. */
  readonly run: () => Promise<void>;
}

/** Options for {@link transportContract}. */
export interface TransportContractOptions {
  /** How long to wait for bytes to arrive, in ms (default 2000). */
  readonly deliveryTimeoutMs?: number;
  /** Whether `a` can be opened again after `close()` (default true). */
  readonly reopens?: boolean;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Collects what `transport` receives until `count` bytes (or, for packets, `count` reports) arrived. */
export function collect(transport: Transport, count: number, timeoutMs = 2000): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const timer = setTimeout(() => {
      off();
      reject(new Error(`received ${total} of ${count} ${transport.kind === "packet" ? "reports" : "bytes"} in ${timeoutMs} ms`));
    }, timeoutMs);
    const off = transport.onData((chunk) => {
      chunks.push(chunk.slice());
      total += transport.kind === "packet" ? 1 : chunk.length;
      if (total >= count) {
        clearTimeout(timer);
        off();
        resolve(chunks);
      }
    });
  });
}

function joined(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The behaviour every {@link Transport} must have, as a list of cases. Each case gets a fresh
 * pair from `makePair` and disposes it. Run the same list against every implementation.
 *
 * @example
 * ```ts
 * for (const c of transportContract(() => makeMyPair())) it(c.name, c.run);
 * ```
 */
export function transportContract(makePair: () => Promise<TransportPair>, options: TransportContractOptions = {}): ContractCase[] {
  const wait = options.deliveryTimeoutMs ?? 2000;
  const withPair = (body: (pair: TransportPair) => Promise<void>) => async (): Promise<void> => {
    const pair = await makePair();
    try {
      await body(pair);
    } finally {
      await pair.a.close().catch(() => undefined);
      await pair.b.close().catch(() => undefined);
      await pair.dispose?.();
    }
  };
  const payload = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);

  const cases: ContractCase[] = [
    {
      name: "write before open rejects with not-open",
      run: withPair(async ({ a }) => {
        check(!a.isOpen, "a new transport must start closed");
        const error = await a.write(Uint8Array.of(1)).then(() => undefined, (e: unknown) => e);
        check(isBattError(error, "not-open"), `expected a not-open BattError, got ${String(error)}`);
      }),
    },
    {
      name: "open and close change isOpen; onClose fires once with no reason",
      run: withPair(async ({ a }) => {
        const reasons: (BattError | undefined)[] = [];
        a.onClose((r) => reasons.push(r));
        await a.open();
        check(a.isOpen, "isOpen after open()");
        await a.open(); // idempotent
        await a.close();
        check(!a.isOpen, "!isOpen after close()");
        await a.close(); // idempotent
        check(reasons.length === 1 && reasons[0] === undefined, `onClose calls: ${JSON.stringify(reasons)}`);
      }),
    },
    {
      name: "bytes written by a arrive at b in order, and back",
      run: withPair(async ({ a, b }) => {
        await Promise.all([a.open(), b.open()]);
        const size = a.kind === "packet" ? (a.info.packetSize ?? 64) : 1024;
        const out = payload(size);
        const atB = collect(b, a.kind === "packet" ? 1 : out.length, wait);
        await a.write(out);
        const got = joined(await atB);
        check(bytesEqual(got.subarray(0, out.length), out), `a→b: sent ${toHex(out.subarray(0, 16))}…, got ${toHex(got.subarray(0, 16))}…`);
        const back = payload(a.kind === "packet" ? size : 300).reverse();
        const atA = collect(a, a.kind === "packet" ? 1 : back.length, wait);
        await b.write(back);
        const gotBack = joined(await atA);
        check(bytesEqual(gotBack.subarray(0, back.length), back), "b→a bytes differ");
      }),
    },
    {
      name: "many small writes keep their order",
      run: withPair(async ({ a, b }) => {
        await Promise.all([a.open(), b.open()]);
        const n = a.kind === "packet" ? 8 : 200;
        const atB = collect(b, n, wait);
        for (let i = 0; i < n; i++) await a.write(Uint8Array.of(i & 0xff));
        const got = await atB;
        const firsts = a.kind === "packet" ? got.map((r) => r[0]!) : [...joined(got)];
        check(firsts.every((v, i) => v === (i & 0xff)), `order broken: ${firsts.slice(0, 20).join(",")}`);
      }),
    },
    {
      name: "an unsubscribed listener receives nothing",
      run: withPair(async ({ a, b }) => {
        await Promise.all([a.open(), b.open()]);
        let seen = 0;
        const off = b.onData(() => seen++);
        off();
        const arrived = collect(b, 1, wait);
        await a.write(Uint8Array.of(0x55));
        await arrived;
        check(seen === 0, `unsubscribed listener was called ${seen} time(s)`);
      }),
    },
  ];
  cases.push({
    name: "a lost link reaches onClose once, as disconnected, and writes then fail",
    run: withPair(async (pair) => {
      if (!pair.cut) return; // this pair cannot take its link away; nothing to check
      const { a, b } = pair;
      await Promise.all([a.open(), b.open()]);
      const lost = new Promise<BattError | undefined>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`onClose not called within ${wait} ms of losing the link`)), wait);
        a.onClose((reason) => {
          clearTimeout(timer);
          resolve(reason);
        });
      });
      await pair.cut();
      const reason = await lost;
      check(isBattError(reason, "disconnected"), `expected a disconnected BattError, got ${String(reason)}`);
      check(!a.isOpen, "!isOpen after the link was lost");
      const error = await a.write(Uint8Array.of(1)).then(() => undefined, (e: unknown) => e);
      check(isBattError(error), `a write after the loss must fail with a BattError, got ${String(error)}`);
    }),
  });
  if (options.reopens ?? true) {
    cases.push({
      name: "a closed transport can be opened again and still carries bytes",
      run: withPair(async ({ a, b }) => {
        await Promise.all([a.open(), b.open()]);
        await a.close();
        await a.open();
        const atB = collect(b, 1, wait);
        await a.write(Uint8Array.of(0xa5));
        const got = joined(await atB);
        check(got[0] === 0xa5, `after reopen got ${toHex(got)}`);
      }),
    });
  }
  return cases;
}
