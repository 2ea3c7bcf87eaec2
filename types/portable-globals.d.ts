/**
 * The globals that Node >= 20 and every current browser share, and nothing more.
 *
 * Platform-free packages compile with `types: []` and `lib: ["ES2022"]` plus this file, so a use of
 * `Buffer`, `process`, `window` or `document` fails to typecheck instead of failing in one runtime.
 * It is never shipped: emitted declarations refer to these names, which consumers get from
 * `lib.dom` or `@types/node`.
 */

type PortableTimerHandle = { readonly __portableTimer: unique symbol } | number;

declare function setTimeout(callback: () => void, ms?: number): PortableTimerHandle;
declare function clearTimeout(handle: PortableTimerHandle | undefined): void;
declare function setInterval(callback: () => void, ms?: number): PortableTimerHandle;
declare function clearInterval(handle: PortableTimerHandle | undefined): void;
declare function queueMicrotask(callback: () => void): void;

interface Event {
  readonly type: string;
}

interface EventListenerObject {
  handleEvent(event: Event): void;
}

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

declare var AbortSignal: {
  prototype: AbortSignal;
  abort(reason?: unknown): AbortSignal;
  timeout(ms: number): AbortSignal;
};

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}

declare var AbortController: {
  prototype: AbortController;
  new (): AbortController;
};

interface TextEncoder {
  encode(input?: string): Uint8Array;
}

declare var TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};

interface TextDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};

interface Performance {
  now(): number;
}

declare var performance: Performance;

interface Console {
  log(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}

declare var console: Console;
