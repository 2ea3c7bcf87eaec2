import { describe, expect, it } from "vitest";
import { type BattError, createMemoryLink, crc16Modbus, fromHex, INCOMPLETE, isBattError, RequestEngine, toHex, TranscriptRecorder, type FrameParser, type Transport } from "../src/index.js";
import { TranscriptReplayer } from "../src/testing/index.js";
import { tick } from "./manual-clock.js";

// Voltaic battery voltage read (docs/protocols/voltaic.md#frames): request and the reply for 13.50 V.
const READ_VOLTAGE = "01 04 30 a0 00 01 3e e8";
const VOLTAGE_REPLY = "01 04 02 05 46 3b 92";

/** Replies to FC 0x04 with a byte count: `addr 04 n data[n] crcLo crcHi` (enough for these tests). */
const fc04Parser: FrameParser<Uint8Array> = {
  parse(buffer) {
    if (buffer.length < 3) return INCOMPLETE;
    const length = 5 + buffer[2]!;
    if (buffer.length < length) return INCOMPLETE;
    const crc = crc16Modbus(buffer, 0, length - 2);
    if (buffer[length - 2] !== (crc & 0xff) || buffer[length - 1] !== crc >> 8) {
      return { kind: "invalid", skip: 1, code: "checksum", message: "bad CRC" };
    }
    return { kind: "frame", frame: buffer.slice(3, length - 2), length };
  },
};

/** The client under test: reads the battery voltage in volts over any transport. */
async function readBatteryVoltage(transport: Transport): Promise<number> {
  const engine = new RequestEngine(transport, { parser: fc04Parser, timeoutMs: 500 });
  try {
    const data = await engine.request({ request: fromHex(READ_VOLTAGE), match: () => "reply" });
    return ((data[0]! << 8) | data[1]!) / 100;
  } finally {
    engine.dispose();
  }
}

/** A device end that answers the voltage read, in two pieces as a slow UART would. */
function answerVoltage(device: Transport): void {
  device.onData((chunk) => {
    if (toHex(chunk) !== READ_VOLTAGE) return;
    const reply = fromHex(VOLTAGE_REPLY);
    void device.write(reply.subarray(0, 3)).then(() => device.write(reply.subarray(3)));
  });
}

describe("TranscriptRecorder and TranscriptReplayer", () => {
  it("record a session over a memory link and replay it through the same client code", async () => {
    const { host, device } = createMemoryLink();
    answerVoltage(device);
    await device.open();
    const recorder = new TranscriptRecorder(host);
    await recorder.open();
    recorder.comment("voltaic battery voltage\n0x30A0, ÷100");
    expect(await readBatteryVoltage(recorder)).toBe(13.5);
    expect(await readBatteryVoltage(recorder)).toBe(13.5);
    await recorder.close();

    const text = recorder.toString();
    expect(text).toBe(
      [
        "# voltaic battery voltage",
        "# 0x30A0, ÷100",
        `=> ${READ_VOLTAGE}`,
        `<= ${VOLTAGE_REPLY}`, // two chunks on the wire, one line
        `=> ${READ_VOLTAGE}`,
        `<= ${VOLTAGE_REPLY}`,
        "",
      ].join("\n"),
    );

    const replayer = new TranscriptReplayer(text);
    await replayer.open();
    expect(await readBatteryVoltage(replayer)).toBe(13.5);
    expect(replayer.remaining).toHaveLength(2);
    expect(await readBatteryVoltage(replayer)).toBe(13.5);
    replayer.assertComplete();
    expect(replayer.failures).toEqual([]);
  });

  it("recorder keeps copies and passes bytes through both ways", async () => {
    const { host, device } = createMemoryLink();
    await device.open();
    const recorder = new TranscriptRecorder(host);
    await recorder.open();
    const seen: string[] = [];
    recorder.onData((chunk) => seen.push(toHex(chunk)));
    device.onData((chunk) => seen.push(`device ${toHex(chunk)}`));
    const out = fromHex("01 02");
    await recorder.write(out);
    out[0] = 0xff;
    await device.write(fromHex("03"));
    await tick();
    expect(seen).toEqual(["device 01 02", "03"]);
    expect(recorder.toString()).toBe("=> 01 02\n<= 03\n");
    expect(recorder.entries).toHaveLength(2);
  });

  it("recorder writes one line per report on a packet link, padded as sent", async () => {
    const { host, device } = createMemoryLink({ kind: "packet", packetSize: 4 });
    await device.open();
    const recorder = new TranscriptRecorder(host);
    await recorder.open();
    await recorder.write(fromHex("0f 03"));
    await device.write(fromHex("0f 00 01"));
    await device.write(fromHex("0f 00 02 03"));
    await tick();
    expect(recorder.toString()).toBe("=> 0f 03 00 00\n<= 0f 00 01 00\n<= 0f 00 02 03\n");
  });

  it("recorder reports a lost link as disconnected", async () => {
    const { host } = createMemoryLink();
    const recorder = new TranscriptRecorder(host);
    await recorder.open();
    const reasons: unknown[] = [];
    recorder.onClose((r) => reasons.push(r));
    host.disconnect();
    expect(recorder.isOpen).toBe(false);
    expect(isBattError(reasons[0], "disconnected")).toBe(true);
  });

  it("replayer rejects an unexpected write with transcript-mismatch and remembers it", async () => {
    const replayer = new TranscriptReplayer(`=> 01 04 30 a0 00 02 ff 29\n<= 01 04 04 05 46 00 64 1b 76\n`);
    await replayer.open();
    const error = await readBatteryVoltage(replayer).catch((e: unknown) => e);
    expect(isBattError(error, "transcript-mismatch")).toBe(true);
    expect((error as BattError).message).toContain("line 1");
    expect(replayer.failures).toHaveLength(1);
    expect(() => replayer.assertComplete()).toThrow(replayer.failures[0]);
  });

  it("replayer rejects a write after the transcript ended", async () => {
    const replayer = new TranscriptReplayer(`=> 01\n<= 02\n`);
    await replayer.open();
    await replayer.write(fromHex("01"));
    const error = await replayer.write(fromHex("01")).catch((e: unknown) => e);
    expect(isBattError(error, "transcript-mismatch")).toBe(true);
    expect((error as BattError).message).toContain("ended");
  });

  it("assertComplete fails on left-over lines, naming the next one", async () => {
    const replayer = new TranscriptReplayer(`# two reads\n=> ${READ_VOLTAGE}\n<= ${VOLTAGE_REPLY}\n=> ${READ_VOLTAGE}\n<= ${VOLTAGE_REPLY}\n`);
    await replayer.open();
    expect(await readBatteryVoltage(replayer)).toBe(13.5);
    let error: unknown;
    try {
      replayer.assertComplete();
    } catch (e) {
      error = e;
    }
    expect(isBattError(error, "transcript-mismatch")).toBe(true);
    expect((error as BattError).message).toBe(`transcript not finished: 2 line(s) left, next at line 4: => ${READ_VOLTAGE}`);
  });

  it("accepts a write in pieces and answers only when the line is complete", async () => {
    const replayer = new TranscriptReplayer(`=> ${READ_VOLTAGE}\n<= ${VOLTAGE_REPLY}\n`);
    await replayer.open();
    const received: string[] = [];
    replayer.onData((chunk) => received.push(toHex(chunk)));
    await replayer.write(fromHex("01 04 30"));
    await tick();
    expect(received).toEqual([]);
    expect(() => replayer.assertComplete()).toThrow(/partial write 01 04 30/);
    await replayer.write(fromHex("a0 00 01 3e e8"));
    await tick();
    expect(received).toEqual([VOLTAGE_REPLY]);
    replayer.assertComplete();
  });

  it("rejects a piece that departs from the expected line", async () => {
    const replayer = new TranscriptReplayer(`=> ${READ_VOLTAGE}\n<= ${VOLTAGE_REPLY}\n`);
    await replayer.open();
    await replayer.write(fromHex("01 04"));
    await expect(replayer.write(fromHex("31"))).rejects.toMatchObject({ code: "transcript-mismatch" });
    await expect(replayer.write(fromHex("01 04 30 a0 00 01 3e e8 00"))).rejects.toMatchObject({ code: "transcript-mismatch" });
    expect(replayer.failures).toHaveLength(2);
  });

  it("compares reports padded to the packet size and delivers each <= line as one report", async () => {
    const replayer = new TranscriptReplayer("=> 0f 03\n<= 0f 00 01\n<= 0f 00 02\n=> 0f 04 00 00 00 00 00 00\n<= 0f 00 03\n", {
      kind: "packet",
      info: { packetSize: 8 },
    });
    await replayer.open();
    const received: string[] = [];
    replayer.onData((chunk) => received.push(toHex(chunk)));
    await replayer.write(fromHex("0f 03")); // padded to 8 bytes by the transport, as the transcript line is
    await tick();
    expect(received).toEqual(["0f 00 01", "0f 00 02"]);
    await replayer.write(fromHex("0f 04"));
    await tick();
    expect(received).toEqual(["0f 00 01", "0f 00 02", "0f 00 03"]);
    replayer.assertComplete();
  });

  it("rejects a report whose padding differs", async () => {
    const replayer = new TranscriptReplayer("=> 0f 03\n", { kind: "packet", info: { packetSize: 4 } });
    await replayer.open();
    await expect(replayer.write(fromHex("0f 03 00 01"))).rejects.toMatchObject({ code: "transcript-mismatch" });
  });

  it("plays device-first lines when opened", async () => {
    const replayer = new TranscriptReplayer("<= 4e 57\n<= 01 1b\n=> 06\n<= 68\n");
    const received: string[] = [];
    replayer.onData((chunk) => received.push(toHex(chunk)));
    expect(replayer.remaining).toHaveLength(4);
    await replayer.open();
    await tick();
    expect(received).toEqual(["4e 57", "01 1b"]);
    await replayer.write(fromHex("06"));
    await tick();
    expect(received).toEqual(["4e 57", "01 1b", "68"]);
    replayer.assertComplete();
  });

  it("replays parsed entries as well as text", async () => {
    const replayer = new TranscriptReplayer([
      { direction: "=>", bytes: fromHex(READ_VOLTAGE) },
      { direction: "<=", bytes: fromHex(VOLTAGE_REPLY) },
    ]);
    await replayer.open();
    expect(await readBatteryVoltage(replayer)).toBe(13.5);
    replayer.assertComplete();
  });

  it("refuses writes while closed with not-open", async () => {
    const replayer = new TranscriptReplayer(`=> 01\n`);
    await expect(replayer.write(fromHex("01"))).rejects.toMatchObject({ code: "not-open" });
    expect(replayer.failures).toEqual([]);
  });
});
