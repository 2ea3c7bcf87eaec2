import { afterEach, describe, expect, it, vi } from "vitest";
import { Listeners } from "../src/index.js";

describe("Listeners", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("calls every listener in the order added, and not after unsubscribe", () => {
    const listeners = new Listeners<number>();
    const calls: string[] = [];
    listeners.add((v) => calls.push(`a${v}`));
    const off = listeners.add((v) => calls.push(`b${v}`));
    listeners.emit(1);
    off();
    off(); // a second call is harmless
    listeners.emit(2);
    expect(calls).toEqual(["a1", "b1", "a2"]);
    expect(listeners.size).toBe(1);
  });

  it("keeps calling the others when one throws, and rethrows the first error asynchronously", () => {
    const deferred: (() => void)[] = [];
    vi.stubGlobal("queueMicrotask", (callback: () => void) => deferred.push(callback));
    const listeners = new Listeners<string>();
    const calls: string[] = [];
    const first = new Error("first");
    listeners.add(() => {
      throw first;
    });
    listeners.add((v) => calls.push(v));
    listeners.add(() => {
      throw new Error("second");
    });
    listeners.add((v) => calls.push(v.toUpperCase()));
    expect(() => listeners.emit("x")).not.toThrow();
    expect(calls).toEqual(["x", "X"]);
    expect(deferred).toHaveLength(1);
    expect(() => deferred[0]!()).toThrow(first);
  });

  it("queues nothing when no listener throws", () => {
    const deferred: (() => void)[] = [];
    vi.stubGlobal("queueMicrotask", (callback: () => void) => deferred.push(callback));
    const listeners = new Listeners<void>();
    listeners.add(() => undefined);
    listeners.emit();
    expect(deferred).toEqual([]);
  });

  it("emits to the listeners present when emit started", () => {
    const listeners = new Listeners<number>();
    const calls: string[] = [];
    let offB: () => void = () => undefined;
    listeners.add(() => {
      calls.push("a");
      offB();
      listeners.add(() => calls.push("late"));
    });
    offB = listeners.add(() => calls.push("b"));
    listeners.emit(0);
    expect(calls).toEqual(["a", "b"]);
    listeners.emit(0);
    expect(calls).toEqual(["a", "b", "a", "late"]);
  });

  it("adds the same function once and clear() removes all", () => {
    const listeners = new Listeners<number>();
    let count = 0;
    const fn = (): void => {
      count++;
    };
    listeners.add(fn);
    listeners.add(fn);
    listeners.emit(0);
    expect(count).toBe(1);
    listeners.add(() => count++);
    expect(listeners.size).toBe(2);
    listeners.clear();
    listeners.emit(0);
    expect(count).toBe(1);
    expect(listeners.size).toBe(0);
  });
});
