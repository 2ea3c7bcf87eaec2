import { describe, expect, it } from "vitest";
import { answerRequests, DeviceSimulator, type ReplyPiece } from "../src/simulator/index.js";
import { concatBytes, createMemoryLink, isBattError, systemClock, toHex, type Transport, type Unsubscribe } from "../src/index.js";
import { ManualClock, tick } from "./manual-clock.js";
import { toyFrame, toyParser, type ToyFrame } from "./toy-protocol.js";

/** A device-specific fault beside the shared ones: the echo goes out twice. */
type EchoFault = { readonly kind: "echo-twice" };

/** A device that counts the time it was stepped and echoes requests, faults permitting. */
class EchoSimulator extends DeviceSimulator<EchoFault> {
  elapsed = 0;
  steps: number[] = [];
  listeningOn: string[] = [];
  protected readonly checksumAt = 1;
  faultsSeen: string[][] = [];

  step(ms: number): void {
    this.elapsed += ms;
    this.steps.push(ms);
  }

  protected listen(transport: Transport): Unsubscribe {
    const name = transport.info.description ?? "";
    this.listeningOn.push(name);
    const stop = answerRequests(transport, toyParser, { clock: this.clock, reply: (request) => this.reply(request) });
    return () => {
      this.listeningOn = this.listeningOn.filter((n) => n !== name);
      stop();
    };
  }

  private reply(request: ToyFrame): ReplyPiece[] {
    return this.shape(toyFrame([...request.payload, Math.min(0xff, this.elapsed)]));
  }

  protected override applyDeviceFault(pieces: ReplyPiece[], fault: EchoFault): ReplyPiece[] {
    this.faultsSeen.at(-1)?.push(fault.kind);
    return [...pieces, ...pieces.map((p) => ({ ...p, delayMs: 0 }))];
  }

  protected override shape(frame: Uint8Array): ReplyPiece[] {
    this.faultsSeen.push([]);
    return super.shape(frame);
  }
}

async function openLink(name: string): Promise<{ host: Transport; device: Transport; received: () => string }> {
  const { host, device } = createMemoryLink({ info: { description: name } });
  await Promise.all([host.open(), device.open()]);
  const chunks: Uint8Array[] = [];
  host.onData((chunk) => chunks.push(chunk));
  return { host, device, received: () => toHex(concatBytes(...chunks)) };
}

describe("DeviceSimulator", () => {
  it("uses the system clock unless given one", () => {
    expect(new EchoSimulator().clock).toBe(systemClock);
    const clock = new ManualClock();
    expect(new EchoSimulator({ clock }).clock).toBe(clock);
  });

  it("answers on the transport it is attached to, one at a time, until detached", async () => {
    const sim = new EchoSimulator({ clock: new ManualClock() });
    const a = await openLink("a");
    const b = await openLink("b");
    expect(sim.attach(a.device)).toBe(sim);
    await a.host.write(toyFrame([1]));
    await tick();
    expect(a.received()).toBe(toHex(toyFrame([1, 0])));

    sim.attach(b.device);
    expect(sim.listeningOn).toEqual(["b (device)"]);
    await a.host.write(toyFrame([2]));
    await b.host.write(toyFrame([3]));
    await tick();
    expect(a.received()).toBe(toHex(toyFrame([1, 0])));
    expect(b.received()).toBe(toHex(toyFrame([3, 0])));

    sim.detach();
    sim.detach();
    expect(sim.listeningOn).toEqual([]);
    await b.host.write(toyFrame([4]));
    await tick();
    expect(b.received()).toBe(toHex(toyFrame([3, 0])));
    expect(b.device.isOpen).toBe(true);
  });

  it("gives the injected faults to the replies they were injected for, together, until cleared", async () => {
    const clock = new ManualClock();
    const sim = new EchoSimulator({ clock });
    const { host, device, received } = await openLink("l");
    sim.attach(device);
    expect(sim.inject({ kind: "delay", ms: 20 }, 2).inject({ kind: "silence" }).inject({ kind: "echo-twice" }, 2)).toBe(sim);
    await host.write(toyFrame([1]));
    await host.write(toyFrame([2]));
    await tick();
    // The first reply is silenced (and so has nothing to echo twice); the second is delayed and doubled.
    expect(sim.faultsSeen).toEqual([["echo-twice"], ["echo-twice"]]);
    expect(received()).toBe("");
    clock.advance(20);
    await tick();
    expect(received()).toBe(toHex(concatBytes(toyFrame([2, 0]), toyFrame([2, 0]))));

    expect(sim.inject({ kind: "silence" }, Infinity).clearFaults()).toBe(sim);
    await host.write(toyFrame([3]));
    await tick();
    expect(sim.faultsSeen.at(-1)).toEqual([]);
    expect(received()).toBe(toHex(concatBytes(toyFrame([2, 0]), toyFrame([2, 0]), toyFrame([3, 0]))));
  });

  it("steps the model on the clock by the time that passed, until stopped, and stop detaches", async () => {
    const clock = new ManualClock();
    const sim = new EchoSimulator({ clock });
    const { device } = await openLink("l");
    sim.attach(device);
    sim.start();
    clock.advance(2500);
    expect(sim.steps).toEqual([1000, 1000]);
    sim.start(200); // replaces the running ticker rather than adding one
    clock.advance(400);
    expect(sim.steps).toEqual([1000, 1000, 200, 200]);
    await sim.stop();
    clock.advance(5000);
    expect(sim.steps).toHaveLength(4);
    expect(clock.pending).toBe(0);
    expect(sim.listeningOn).toEqual([]);
    sim.step(7);
    expect(sim.elapsed).toBe(2407);
  });

  it("refuses a tick period that is not a positive number", () => {
    const sim = new EchoSimulator({ clock: new ManualClock() });
    for (const period of [0, -5, Number.NaN]) {
      let error: unknown;
      try {
        sim.start(period);
      } catch (e) {
        error = e;
      }
      expect(isBattError(error) && error.code).toBe("invalid-argument");
    }
  });
});
