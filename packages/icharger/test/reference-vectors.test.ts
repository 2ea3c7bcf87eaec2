import { fromHex, toHex } from "@batt/core";
import { TranscriptReplayer } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { decodeLogView, describeReport, hidReportParser, ICharger, RtuRegisterAccess } from "../src/index.js";
import { DEVICE_INFO_308, hidReadReply, rtuReadReply } from "./support/frames.js";

// docs/protocols/icharger.md#run-and-stop-over-hid: Win32 buffers of 65 bytes; the first byte 00 is the report ID and is not part of the report.
const RUN_WRITE = "12 30 10 80 00 00 05 0A 00 03 00 00 00 00 55 AA 00 01";
const RUN_REPLY = "07 30 10 80 00 00 05 0A 00 03 00 00 00 00 55 AA 00 01 08 3C 07 D0 00 76 00 AD 00 29 00";
const STOP_WRITE = "0E 30 10 80 02 00 03 06 00 00 55 AA 00 00";
const STOP_REPLY = "07 30 10 80 02 00 03 06 00 00 55 AA 00 00 55 AA 00 01 08 3C 07 D0 00 76 00 AD 00 29 00";
// docs/protocols/icharger.md#logview-report-example (DataExplorer source comment), completed to its length byte 0x2C = 44.
const LOGVIEW = "2C 10 01 F8 7D 07 00 02 01 00 E5 FF 04 87 2B 3C CF FF FF FF 64 01 00 00 02 0F 0B 0F 0E 0F 00 0F 00 00 00 00 00 00 00 00 00 00 00 00";

/** Identification (13 device-info registers) and the status-word check before a RUN, over HID. */
const HID_PREAMBLE = `
=> 07 30 04 00 00 00 0D
<= ${hidReadReply(0x04, DEVICE_INFO_308)}
`;

describe("docs/protocols/icharger.md#run-and-stop-over-hid: run and stop over USB HID, byte for byte", () => {
  it("sends the recorded RUN report (cycle, slot 0, channel 0) and accepts the recorded reply with its stale tail", async () => {
    const replayer = new TranscriptReplayer(
      `${HID_PREAMBLE}
=> 07 30 04 00 0B 00 01
<= ${hidReadReply(0x04, [0x20])}
=> ${RUN_WRITE}
<= ${RUN_REPLY}
`,
      { kind: "packet", info: { packetSize: 64 } },
    );
    await replayer.open();
    const charger = await ICharger.open(replayer);
    const result = await charger.start({ channel: 0, preset: 0, operation: "cycle", chemistry: "LiPo", verify: false });
    expect(result).toMatchObject({ operationCode: 3, verified: false });
    replayer.assertComplete();
    charger.dispose();
  });

  it("sends the recorded STOP report (channel 0) and accepts the recorded reply", async () => {
    const replayer = new TranscriptReplayer(`${HID_PREAMBLE}\n=> ${STOP_WRITE}\n<= ${STOP_REPLY}\n`, { kind: "packet", info: { packetSize: 64 } });
    await replayer.open();
    const charger = await ICharger.open(replayer);
    await charger.stop(0, { verify: false });
    replayer.assertComplete();
    charger.dispose();
  });

  it("reads a reply only up to its length byte", () => {
    const report = new Uint8Array(64);
    report.set(fromHex(RUN_REPLY));
    const parsed = hidReportParser.parse(report);
    expect(parsed.kind).toBe("frame");
    if (parsed.kind !== "frame" || parsed.frame.kind !== "modbus") throw new Error("not a Modbus report");
    expect(parsed.length).toBe(7);
    expect(toHex(parsed.frame.pdu)).toBe("10 80 00 00 05");
  });

  it("describes the recorded reports (decode command)", () => {
    const win32 = new Uint8Array(65);
    win32.set(fromHex(RUN_WRITE), 1);
    win32.fill(0xcc, 1 + 18); // uninitialised host memory after LEN
    expect(describeReport(win32)).toMatchObject({
      transport: "hid",
      type: "modbus",
      length: 18,
      direction: "request",
      address: 0x8000,
      values: [3, 0, 0, 0x55aa, 1],
      control: { action: "run", operation: 3, operationIfLithium: "cycle", slot: 0, channel: 0 },
    });
    expect(describeReport(fromHex(STOP_REPLY))).toMatchObject({ direction: "reply", address: 0x8002, count: 3, area: "control" });
    expect(describeReport(fromHex(STOP_WRITE))).toMatchObject({ control: { action: "stop", channel: 0 } });
  });
});

describe("docs/protocols/icharger.md#logview-report-example: LogView report", () => {
  it("decodes to the documented values", () => {
    expect(decodeLogView(fromHex(LOGVIEW))).toEqual({
      kind: "sample",
      channel: 1,
      time: 491,
      state: { value: 2, name: "discharge" },
      batteryType: { value: 1, name: "LiPo" },
      cycle: 0,
      current: -0.27,
      inputVoltage: 34.564,
      batteryVoltage: 15.403,
      capacity: -0.049,
      internalTemperature: 35.6,
      externalTemperature: null, // no probe: docs/protocols/icharger.md#channel-status-input-0x0100-0x0200
      cells: [3.842, 3.851, 3.854, 3.84, 0, 0, 0, 0, 0, 0],
    });
  });

  it("is recognised as a LogView report in a padded 64-byte report", () => {
    const report = new Uint8Array(64).fill(0x5a);
    report.set(fromHex(LOGVIEW));
    const parsed = hidReportParser.parse(report);
    expect(parsed).toMatchObject({ kind: "frame", length: 44, frame: { kind: "logview", type: 0x10 } });
  });
});

describe("docs/protocols/icharger.md#serial-modbus-rtu: derived frames", () => {
  async function rtu(script: string): Promise<{ replayer: TranscriptReplayer; access: RtuRegisterAccess }> {
    const replayer = new TranscriptReplayer(script);
    await replayer.open();
    return { replayer, access: new RtuRegisterAccess(replayer, { address: 1 }) };
  }

  it("reads device info (12 registers), channel 1 (30) and the control registers (7)", async () => {
    const { replayer, access } = await rtu(`
=> 01 04 00 00 00 0C F0 0F
<= ${rtuReadReply(1, 0x04, DEVICE_INFO_308.slice(0, 12))}
=> 01 04 01 00 00 1E 71 FE
<= ${rtuReadReply(1, 0x04, new Array(30).fill(0))}
=> 01 03 80 00 00 07 2D C8
<= ${rtuReadReply(1, 0x03, [0, 0, 0, 0, 0, 0, 0])}
`);
    expect((await access.read("input", 0x0000, 12))[0]).toBe(66);
    expect(await access.read("input", 0x0100, 30)).toHaveLength(30);
    expect(await access.read("holding", 0x8000, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    replayer.assertComplete();
    access.dispose();
  });

  it("runs a charge (slot 0, channel 0) and stops channel 0 with the derived frames", async () => {
    const script = `
=> 01 04 00 00 00 0D 31 CF
<= ${rtuReadReply(1, 0x04, DEVICE_INFO_308)}
=> 01 04 00 0B 00 01 40 08
<= ${rtuReadReply(1, 0x04, [0x20])}
=> 01 10 80 00 00 05 0A 00 00 00 00 00 00 55 AA 00 01 71 B4
<= 01 10 80 00 00 05 29 CA
=> 01 10 80 02 00 03 06 00 00 55 AA 00 00 DF 64
<= 01 10 80 02 00 03 08 08
`;
    const replayer = new TranscriptReplayer(script);
    await replayer.open();
    const charger = await ICharger.open(replayer, { address: 1 });
    await charger.start({ channel: 0, preset: 0, operation: "charge", chemistry: "LiPo", verify: false });
    await charger.stop(0, { verify: false });
    replayer.assertComplete();
    charger.dispose();
  });
});
