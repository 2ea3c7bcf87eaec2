import { BattError, createPrng, fromHex } from "@batt/core";
import { afterAll, describe, expect, it } from "vitest";
import { minimizeFailure } from "../../test-support/src/fuzz/minimize.js";
import { runFuzz } from "../../test-support/src/fuzz/runner.js";
import { JBD_SHAPE, JK_SHAPE, RTU_SHAPE } from "../../test-support/src/fuzz/shapes.js";
import { MAX_SCALING_RATIO } from "../../test-support/src/fuzz/suite.js";
import type { FuzzTarget } from "../../test-support/src/fuzz/target.js";
import { createWorkMeter } from "../../test-support/src/fuzz/work-meter.js";

// The fuzz engine checked against literal frames and against decoders with planted bugs: each oracle must be able to fail.

const JBD_BASIC = fromHex("DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77");
const JK_READ_ALL = fromHex("4E 57 00 13 00 00 00 00 06 03 00 00 00 00 00 00 68 00 00 01 29");
const RTU_READ = fromHex("01 03 00 00 00 01 84 0A");

describe("fuzz engine: checksum oracles and recomputation", () => {
  it("accepts the documents' frames and refuses them with one byte changed", () => {
    for (const [shape, frame] of [[JBD_SHAPE, JBD_BASIC], [JK_SHAPE, JK_READ_ALL], [RTU_SHAPE, RTU_READ]] as const) {
      expect(shape.verify(frame), shape.name).toBe(true);
      const bad = frame.slice();
      bad[5]! ^= 0x10;
      expect(shape.verify(bad), shape.name).toBe(false);
    }
  });

  it("recomputes the checksum of a mutated frame so that it verifies again", () => {
    const rng = createPrng(1);
    for (const [shape, frame] of [[JBD_SHAPE, JBD_BASIC], [JK_SHAPE, JK_READ_ALL], [RTU_SHAPE, RTU_READ]] as const) {
      const bad = frame.slice();
      bad[6]! ^= 0x01;
      expect(shape.verify(shape.fix(bad, rng)!), shape.name).toBe(true);
    }
  });
});

/** A JBD basic-info "decoder" with planted bugs, to prove the runner reports each kind. */
function plantedBugs(bug: "type-error" | "nan" | "no-checksum"): FuzzTarget<{ voltage: number }> {
  return {
    name: `planted ${bug}`,
    seeds: [JBD_BASIC],
    shape: JBD_SHAPE,
    maxLength: 300,
    decode(input) {
      if (input.length < 7 || input[0] !== 0xdd) throw new BattError("frame", "no frame");
      if (bug !== "no-checksum" && !JBD_SHAPE.verify(input)) throw new BattError("checksum", "bad sum");
      const voltage = ((input[4]! << 8) | input[5]!) / 100;
      if (bug === "type-error" && input[4] === 0) (undefined as unknown as { x: number }).x.toFixed();
      return { voltage: bug === "nan" && input[5] === 0 ? Number.NaN : voltage };
    },
    check: (input) => (JBD_SHAPE.verify(input) ? undefined : "value from a frame with a bad checksum"),
  };
}

describe("fuzz engine: runner", () => {
  it("finds planted bugs of every kind, with the input that shows them", () => {
    const kinds = (["type-error", "nan", "no-checksum"] as const).map((bug) => runFuzz(plantedBugs(bug), { seed: 7, inputs: 3000 }).failures[0]?.kind);
    expect(kinds).toEqual(["exception", "non-finite", "check"]);
  });

  it("is deterministic: the same seed gives the same statistics", () => {
    const target = plantedBugs("nan");
    const a = runFuzz(target, { seed: 42, inputs: 2000 });
    const b = runFuzz(target, { seed: 42, inputs: 2000 });
    const c = runFuzz(target, { seed: 43, inputs: 2000 });
    expect(b).toEqual(a);
    expect(c.decoded).not.toBe(a.decoded);
    expect(a.decodedRecomputed).toBeGreaterThan(0);
  });

  it("shrinks a failing input to the bytes that matter", () => {
    const target = plantedBugs("type-error");
    const failure = runFuzz(target, { seed: 7, inputs: 3000 }).failures.find((f) => f.kind === "exception")!;
    const small = minimizeFailure(target, failure);
    expect(small.length).toBeLessThanOrEqual(failure.input.length);
    expect(() => target.decode(small)).toThrow(TypeError);
  });
});

describe("fuzz engine: work meter", () => {
  const meter = createWorkMeter()!;
  afterAll(() => meter.close());

  it("counts deterministically and tells a quadratic scan from a linear one", () => {
    const linear: FuzzTarget = { name: "linear", seeds: [RTU_READ], maxLength: 512, decode: (input) => input.reduce((n, b) => n + b, 0) };
    const quadratic: FuzzTarget = {
      name: "quadratic",
      seeds: [RTU_READ],
      maxLength: 512,
      decode(input) {
        let n = 0;
        for (let i = 0; i < input.length; i++) for (let j = i; j < input.length; j += 8) n += input[j]!;
        return n;
      },
    };
    const ratio = (target: FuzzTarget): number => Math.max(...runFuzz(target, { seed: 3, inputs: 200, meter }).scaling.map((s) => s.ratio));
    expect(ratio(linear)).toBeLessThan(MAX_SCALING_RATIO);
    expect(ratio(quadratic)).toBeGreaterThan(MAX_SCALING_RATIO);
    const once = meter.measure(() => void linear.decode(RTU_READ));
    expect(meter.measure(() => void linear.decode(RTU_READ))).toBe(once);
  });

  it("reports an input over its budget", () => {
    const slow: FuzzTarget = { name: "slow", seeds: [RTU_READ], decode: (input) => input.map((b) => b).reduce((n, b) => n + b, 0) };
    const stats = runFuzz(slow, { seed: 3, inputs: 100, meter, workEvery: 1, budget: { base: 0, perByte: 0.5 } });
    expect(stats.failures.some((f) => f.kind === "work")).toBe(true);
  });
});
