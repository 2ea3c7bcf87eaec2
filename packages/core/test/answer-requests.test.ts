import { describe, expect, it } from "vitest";
import { answerRequests, type ReplyPiece } from "../src/simulator/index.js";
import { concatBytes, createMemoryLink, toHex } from "../src/index.js";
import { ManualClock, tick } from "./manual-clock.js";
import { badToyFrame, toyFrame, toyParser, type ToyFrame } from "./toy-protocol.js";

/** An open memory link whose host end records what it receives. */
async function link(): Promise<{ host: ReturnType<typeof createMemoryLink>["host"]; device: ReturnType<typeof createMemoryLink>["device"]; received: () => string }> {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const chunks: Uint8Array[] = [];
  host.onData((chunk) => chunks.push(chunk));
  return { host, device, received: () => toHex(concatBytes(...chunks)) };
}

/** Answers each toy request with its payload reversed. */
const reversed = (request: ToyFrame): ReplyPiece[] => [{ bytes: toyFrame([...request.payload].reverse()), delayMs: 0 }];

describe("answerRequests", () => {
  it("decodes requests split across chunks and writes each reply", async () => {
    const { host, device, received } = await link();
    const requests: number[][] = [];
    answerRequests(device, toyParser, { clock: new ManualClock(), reply: (r) => (requests.push(r.payload), reversed(r)) });
    const both = concatBytes(toyFrame([1, 2, 3]), toyFrame([4, 5]));
    await host.write(both.subarray(0, 4));
    await host.write(both.subarray(4));
    await tick();
    expect(requests).toEqual([[1, 2, 3], [4, 5]]);
    expect(received()).toBe(toHex(concatBytes(toyFrame([3, 2, 1]), toyFrame([5, 4]))));
  });

  it("reports skipped bytes (noise, a bad checksum) and answers the next good request", async () => {
    const { host, device, received } = await link();
    const skipped: string[] = [];
    answerRequests(device, toyParser, { clock: new ManualClock(), reply: reversed, skipped: (bytes) => skipped.push(toHex(bytes)) });
    await host.write(concatBytes(Uint8Array.of(0x00, 0x11), badToyFrame([9]), toyFrame([7, 8])));
    await tick();
    expect(skipped).toEqual(["00 11", toHex(badToyFrame([9]))]);
    expect(received()).toBe(toHex(toyFrame([8, 7])));
  });

  it("writes nothing for an undefined or empty reply", async () => {
    const { host, device, received } = await link();
    let calls = 0;
    answerRequests(device, toyParser, { clock: new ManualClock(), reply: () => (++calls === 1 ? undefined : []) });
    await host.write(concatBytes(toyFrame([1]), toyFrame([2])));
    await tick();
    expect(calls).toBe(2);
    expect(received()).toBe("");
  });

  it("writes the pieces in order, each after its pause on the clock, without holding up a later reply", async () => {
    const { host, device, received } = await link();
    const clock = new ManualClock();
    const replies: ReplyPiece[][] = [
      [
        { bytes: Uint8Array.of(0x01), delayMs: 0 },
        { bytes: Uint8Array.of(0x02), delayMs: 100 },
      ],
      [{ bytes: Uint8Array.of(0x03), delayMs: 10 }],
    ];
    answerRequests(device, toyParser, { clock, reply: () => replies.shift() });
    await host.write(concatBytes(toyFrame([1]), toyFrame([2])));
    await tick();
    expect(received()).toBe("01");
    clock.advance(10);
    await tick();
    expect(received()).toBe("01 03");
    clock.advance(89);
    await tick();
    expect(received()).toBe("01 03");
    clock.advance(1);
    await tick();
    expect(received()).toBe("01 03 02");
  });

  it("stops decoding when stopped, drops a half-received request, and lets a reply in progress finish", async () => {
    const { host, device, received } = await link();
    const clock = new ManualClock();
    let calls = 0;
    const stop = answerRequests(device, toyParser, {
      clock,
      reply: () => (calls++, [{ bytes: Uint8Array.of(0xee), delayMs: 50 }]),
    });
    await host.write(toyFrame([1]));
    await host.write(toyFrame([2]).subarray(0, 2));
    await tick();
    expect(calls).toBe(1);
    stop();
    await host.write(toyFrame([3]));
    await tick();
    expect(calls).toBe(1);
    clock.advance(50);
    await tick();
    expect(received()).toBe("ee");
    // A new listener starts from an empty buffer: the half request is gone.
    const skipped: number[] = [];
    answerRequests(device, toyParser, { clock, reply: reversed, skipped: (bytes) => skipped.push(bytes.length) });
    await host.write(toyFrame([2]).subarray(2));
    await host.write(toyFrame([4]));
    await tick();
    expect(skipped).toEqual([2]);
    expect(received()).toBe(toHex(concatBytes(Uint8Array.of(0xee), toyFrame([4]))));
  });

  it("ends a reply quietly when a write fails (the host went away)", async () => {
    const { host, device, received } = await link();
    const clock = new ManualClock();
    const writes: number[] = [];
    const write = device.write.bind(device);
    device.write = async (bytes) => {
      writes.push(bytes[0]!);
      if (bytes[0] === 0x01) throw new Error("gone");
      return write(bytes);
    };
    answerRequests(device, toyParser, {
      clock,
      reply: (r) => [
        { bytes: Uint8Array.of(r.payload[0]!), delayMs: 0 },
        { bytes: Uint8Array.of(0xff), delayMs: 0 },
      ],
    });
    await host.write(concatBytes(toyFrame([1]), toyFrame([2])));
    await tick();
    expect(writes).toEqual([1, 2, 0xff]);
    expect(received()).toBe("02 ff");
  });
});
