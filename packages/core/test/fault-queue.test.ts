import { describe, expect, it } from "vitest";
import { FaultQueue } from "../src/simulator/index.js";

type TestFault = { readonly kind: "silence" } | { readonly kind: "delay"; readonly ms: number };

describe("FaultQueue", () => {
  it("gives each fault to as many replies as it was added for, together with the others due, in order added", () => {
    const faults = new FaultQueue<TestFault>();
    faults.add({ kind: "delay", ms: 5 }, 2);
    faults.add({ kind: "silence" });
    expect(faults.size).toBe(2);
    expect(faults.take()).toEqual([{ kind: "delay", ms: 5 }, { kind: "silence" }]);
    expect(faults.size).toBe(1);
    expect(faults.take()).toEqual([{ kind: "delay", ms: 5 }]);
    expect(faults.size).toBe(0);
    expect(faults.take()).toEqual([]);
  });

  it("keeps an Infinity fault for every reply until cleared", () => {
    const faults = new FaultQueue<TestFault>();
    faults.add({ kind: "silence" }, Infinity);
    for (let i = 0; i < 5; i++) expect(faults.take()).toEqual([{ kind: "silence" }]);
    faults.clear();
    expect(faults.size).toBe(0);
    expect(faults.take()).toEqual([]);
  });

  it("drops a fault added for no replies without applying it", () => {
    const faults = new FaultQueue<TestFault>();
    faults.add({ kind: "silence" }, 0);
    faults.add({ kind: "delay", ms: 1 }, -3);
    expect(faults.take()).toEqual([]);
    expect(faults.size).toBe(0);
  });
});
