import { describe, expect, it } from "vitest";
import { createMemoryLink, createPrng, fromHex, isBattError, toHex, type BattError } from "../src/index.js";
import { FaultyTransport, type FaultRule } from "../src/testing/index.js";
import { ManualClock, tick } from "./manual-clock.js";

/** A faulty host end on a memory link, with everything it receives recorded as hex chunks. */
async function setup(options: { seed?: number } = {}) {
  const { host, device } = createMemoryLink();
  const clock = new ManualClock();
  const faulty = new FaultyTransport(host, { clock, ...options });
  await faulty.open();
  await device.open();
  const received: string[] = [];
  faulty.onData((chunk) => received.push(toHex(chunk)));
  const atDevice: string[] = [];
  device.onData((chunk) => atDevice.push(toHex(chunk)));
  /** Sends from the device and waits until the memory link has delivered it. */
  const send = async (text: string): Promise<void> => {
    await device.write(fromHex(text));
    await tick();
  };
  return { host, device, clock, faulty, received, atDevice, send };
}

describe("FaultyTransport", () => {
  it("passes traffic through unchanged without rules, both ways", async () => {
    const { faulty, received, atDevice, send } = await setup();
    await send("01 02 03");
    await faulty.write(fromHex("04 05"));
    await tick();
    expect(received).toEqual(["01 02 03"]);
    expect(atDevice).toEqual(["04 05"]);
    expect(faulty.info.description).toBe("memory (host) (faulty)");
    expect(faulty.kind).toBe("stream");
  });

  it("drop: loses one chunk", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "drop" } });
    await send("01 02");
    await send("03 04");
    expect(received).toEqual(["03 04"]);
    expect(faulty.hits.drop).toBe(1);
  });

  it("corrupt: XORs the last byte with 0xFF by default", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "corrupt" } });
    await send("01 02 03");
    expect(received).toEqual(["01 02 fc"]);
    expect(faulty.hits.corrupt).toBe(1);
  });

  it("corrupt: XORs the byte at index with mask, counting from the end when negative", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "corrupt", index: 0, mask: 0x0f } });
    faulty.inject({ fault: { kind: "corrupt", index: -2, mask: 0x80 } });
    await send("10 20 30 40");
    expect(received).toEqual(["1f 20 b0 40"]);
    expect(faulty.hits.corrupt).toBe(2);
  });

  it("corrupt: leaves a chunk alone when the index is outside it (but the rule is used)", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "corrupt", index: 5 } });
    await send("01 02");
    await send("01 02 03 04 05 06");
    expect(received).toEqual(["01 02", "01 02 03 04 05 06"]);
    expect(faulty.hits.corrupt).toBe(1);
  });

  it("split: delivers pieces of size bytes at once when there is no gap", async () => {
    const { faulty, clock, received, send } = await setup();
    faulty.inject({ fault: { kind: "split", size: 2 } });
    await send("01 02 03 04 05");
    expect(received).toEqual(["01 02", "03 04", "05"]);
    expect(clock.pending).toBe(0);
    expect(faulty.hits.split).toBe(1);
  });

  it("split: spaces the pieces gapMs apart", async () => {
    const { faulty, clock, received, send } = await setup();
    faulty.inject({ fault: { kind: "split", size: 1, gapMs: 10 } });
    await send("01 02 03");
    expect(received).toEqual(["01"]);
    clock.advance(9);
    expect(received).toEqual(["01"]);
    clock.advance(1);
    expect(received).toEqual(["01", "02"]);
    clock.advance(10);
    expect(received).toEqual(["01", "02", "03"]);
  });

  it("corrupt after split: the index counts across the pieces", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "split", size: 2 } });
    faulty.inject({ fault: { kind: "corrupt", index: 2, mask: 0x01 } });
    await send("00 00 00 00");
    expect(received).toEqual(["00 00", "01 00"]);
  });

  it("delay: delivers the chunk ms later", async () => {
    const { faulty, clock, received, send } = await setup();
    faulty.inject({ fault: { kind: "delay", ms: 50 } });
    await send("aa bb");
    expect(received).toEqual([]);
    clock.advance(49);
    expect(received).toEqual([]);
    clock.advance(1);
    expect(received).toEqual(["aa bb"]);
    expect(faulty.hits.delay).toBe(1);
  });

  it("delay then split: the first piece waits, the others follow at their gaps", async () => {
    const { faulty, clock, received, send } = await setup();
    faulty.inject({ fault: { kind: "delay", ms: 30 } });
    faulty.inject({ fault: { kind: "split", size: 1, gapMs: 5 } });
    await send("01 02");
    clock.advance(30);
    expect(received).toEqual(["01"]);
    clock.advance(5);
    expect(received).toEqual(["01", "02"]);
  });

  it("duplicate: delivers the chunk twice", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "duplicate" } });
    await send("01 02");
    expect(received).toEqual(["01 02", "01 02"]);
    expect(faulty.hits.duplicate).toBe(1);
  });

  it("prefix: delivers the bytes just before the chunk", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "prefix", bytes: fromHex("ff 00") } });
    await send("dd 03");
    expect(received).toEqual(["ff 00", "dd 03"]);
    expect(faulty.hits.prefix).toBe(1);
  });

  it("prefix after delay: the garbage arrives with the delayed chunk", async () => {
    const { faulty, clock, received, send } = await setup();
    faulty.inject({ fault: { kind: "delay", ms: 20 } });
    faulty.inject({ fault: { kind: "prefix", bytes: fromHex("ee") } });
    await send("01");
    expect(received).toEqual([]);
    clock.advance(20);
    expect(received).toEqual(["ee", "01"]);
  });

  it("truncate: delivers only the first length bytes", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "truncate", length: 3 } });
    await send("01 02 03 04 05");
    expect(received).toEqual(["01 02 03"]);
    expect(faulty.hits.truncate).toBe(1);
  });

  it("truncate after split: cuts across the pieces", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "split", size: 2 } });
    faulty.inject({ fault: { kind: "truncate", length: 3 } });
    await send("01 02 03 04 05");
    expect(received).toEqual(["01 02", "03"]);
  });

  it("times: a rule applies to that many chunks, Infinity to all", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "corrupt", index: 0, mask: 0x10 }, times: 2 });
    faulty.inject({ fault: { kind: "corrupt", index: 1, mask: 0x01 }, times: Infinity });
    for (let i = 0; i < 4; i++) await send("00 00");
    expect(received).toEqual(["10 01", "10 01", "00 01", "00 01"]);
    expect(faulty.hits.corrupt).toBe(6);
  });

  it("sequential: rules take turns, each used up before the next one acts", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const faulty = new FaultyTransport(host, { sequential: true });
    await faulty.open();
    const received: string[] = [];
    faulty.onData((chunk) => received.push(toHex(chunk)));
    faulty.inject({ fault: { kind: "drop" } });
    faulty.inject({ fault: { kind: "corrupt" }, times: 2 });
    faulty.inject({ direction: "tx", fault: { kind: "drop" } });
    faulty.inject({ fault: { kind: "prefix", bytes: fromHex("ff") } });
    for (const text of ["01", "02", "03", "04", "05"]) {
      await device.write(fromHex(text));
      await tick();
    }
    expect(received).toEqual(["fd", "fc", "ff", "04", "05"]);
    expect(faulty.hits).toMatchObject({ drop: 1, corrupt: 2, prefix: 1 });
  });

  it("sequential: a rule whose draw misses lets the chunk pass and keeps its turn", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const faulty = new FaultyTransport(host, { sequential: true, seed: 3 });
    await faulty.open();
    const received: string[] = [];
    faulty.onData((chunk) => received.push(toHex(chunk)));
    faulty.inject({ fault: { kind: "drop" }, probability: 0.5, times: 2 });
    faulty.inject({ fault: { kind: "corrupt" } });
    const prng = createPrng(3);
    const expected: string[] = [];
    let drops = 0;
    for (let i = 1; i <= 8; i++) {
      await device.write(Uint8Array.of(i));
      await tick();
      if (drops < 2) {
        if (prng.next() < 0.5) drops++;
        else expected.push(toHex(Uint8Array.of(i)));
      } else if (drops === 2) {
        expected.push(toHex(Uint8Array.of(i ^ 0xff)));
        drops++;
      } else {
        expected.push(toHex(Uint8Array.of(i)));
      }
    }
    expect(received).toEqual(expected);
    expect(faulty.hits).toMatchObject({ drop: 2, corrupt: 1 });
  });

  it("probability: hits the chunks the seeded generator picks, the same for the same seed", async () => {
    const pattern = async (seed: number): Promise<boolean[]> => {
      const { faulty, received, send } = await setup({ seed });
      faulty.inject({ fault: { kind: "drop" }, probability: 0.5, times: Infinity });
      for (let i = 0; i < 40; i++) await send(i.toString(16).padStart(2, "0"));
      const arrived = new Set(received.map((h) => parseInt(h, 16)));
      expect(faulty.hits.drop).toBe(40 - arrived.size);
      return Array.from({ length: 40 }, (_, i) => !arrived.has(i));
    };
    const first = await pattern(7);
    // One draw per chunk from the generator seeded as given: a hit when the draw is below the probability.
    const prng = createPrng(7);
    expect(first).toEqual(Array.from({ length: 40 }, () => prng.next() < 0.5));
    expect(await pattern(7)).toEqual(first);
    expect(await pattern(8)).not.toEqual(first);
    expect(first.filter(Boolean).length).toBeGreaterThan(5);
    expect(first.filter(Boolean).length).toBeLessThan(35);
  });

  it("probability 0 never hits and does not use the rule up", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "drop" }, probability: 0 });
    await send("01");
    await send("02");
    expect(received).toEqual(["01", "02"]);
    expect(faulty.hits.drop).toBe(0);
  });

  it("tx: damages writes to the device and leaves received bytes alone", async () => {
    const { faulty, received, atDevice, send } = await setup();
    faulty.inject({ direction: "tx", fault: { kind: "corrupt", index: 0, mask: 0xff } });
    await send("01");
    await faulty.write(fromHex("01 03 00 00"));
    await tick();
    expect(received).toEqual(["01"]);
    expect(atDevice).toEqual(["fe 03 00 00"]);
  });

  it("tx split with a gap: write resolves after the pieces went out, gapMs apart", async () => {
    const { faulty, clock, atDevice } = await setup();
    faulty.inject({ direction: "tx", fault: { kind: "split", size: 2, gapMs: 10 } });
    let done = false;
    const writing = faulty.write(fromHex("01 02 03 04")).then(() => (done = true));
    await tick();
    expect(atDevice).toEqual(["01 02"]);
    expect(done).toBe(false);
    clock.advance(10);
    await writing;
    await tick();
    expect(atDevice).toEqual(["01 02", "03 04"]);
  });

  it("tx drop and duplicate", async () => {
    const { faulty, atDevice } = await setup();
    const rules: FaultRule[] = [
      { direction: "tx", fault: { kind: "drop" } },
      { direction: "tx", fault: { kind: "duplicate" } },
    ];
    faulty.inject(rules[0]!);
    await faulty.write(fromHex("01"));
    faulty.inject(rules[1]!);
    await faulty.write(fromHex("02"));
    await tick();
    expect(atDevice).toEqual(["02", "02"]);
    expect(faulty.hits).toMatchObject({ drop: 1, duplicate: 1 });
  });

  it("counts hits per kind and clear() removes every rule", async () => {
    const { faulty, received, send } = await setup();
    faulty.inject({ fault: { kind: "prefix", bytes: fromHex("00") }, times: Infinity });
    faulty.inject({ fault: { kind: "truncate", length: 1 }, times: Infinity });
    await send("05 06");
    await send("07 08");
    expect(faulty.hits).toEqual({ drop: 0, corrupt: 0, split: 0, delay: 0, duplicate: 0, prefix: 2, truncate: 2 });
    expect(received).toEqual(["00", "00"]); // truncate keeps only the prefix byte
    faulty.clear();
    await send("09");
    expect(received).toEqual(["00", "00", "09"]);
  });

  it("passes a lost link on as disconnected and stops listening after close", async () => {
    const { host, faulty } = await setup();
    const reasons: (BattError | undefined)[] = [];
    faulty.onClose((r) => reasons.push(r));
    host.disconnect("unplugged");
    expect(faulty.isOpen).toBe(false);
    expect(reasons).toHaveLength(1);
    expect(isBattError(reasons[0], "disconnected")).toBe(true);
    expect(reasons[0]?.message).toContain("unplugged");
  });

  it("closes the inner transport", async () => {
    const { host, faulty, device, received } = await setup();
    await faulty.close();
    expect(host.isOpen).toBe(false);
    await device.write(fromHex("01"));
    await tick();
    expect(received).toEqual([]);
  });
});
