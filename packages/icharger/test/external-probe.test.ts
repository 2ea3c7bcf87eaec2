import { fromHex, toHex } from "@batt/core";
import { TranscriptReplayer } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { channelBattery, decodeChannelStatus, decodeLogView, externalProbeTemperature, formatLog, ICharger, type LogViewSample } from "../src/index.js";
import { DEVICE_INFO_308, hidReadReply } from "./support/frames.js";
import { hidRig, rigPerTest } from "./support/rigs.js";

// docs/protocols/icharger.md#logview-report-example (DataExplorer source comment), completed to its length byte 0x2C = 44:
// external temperature (bytes 22–23) `00 00` beside an internal 35.6 °C (`64 01`).
const LOGVIEW = "2C 10 01 F8 7D 07 00 02 01 00 E5 FF 04 87 2B 3C CF FF FF FF 64 01 00 00 02 0F 0B 0F 0E 0F 00 0F 00 00 00 00 00 00 00 00 00 00 00 00";

// The same run as channel registers 0–29 in a USB read reply (LEN 0x40, type 0x30, FC 04, 60 bytes, big-endian words,
// docs/protocols/icharger.md#channel-status-input-0x0100-0x0200): timestamp 491000 ms, power 4171, −0.27 A, 34.564 V in,
// 15.403 V out, −49 mAh, internal 0x0164 = 35.6 °C, external (register 10) 00 00, cells 3842, 3851, 3854, 3840 mV.
const CHANNEL_REPLY_NO_PROBE =
  "40 30 04 3C 7D F8 00 07 10 4B 00 00 FF E5 87 04 3C 2B FF CF FF FF 01 64 00 00 0F 02 0F 0B 0F 0E 0F 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

/** Reads channel 1 of a 308 DUO from a transcript whose first channel report is `firstReport`. */
async function channelFrom(firstReport: string): Promise<ReturnType<ICharger["readChannelStatus"]>> {
  const replayer = new TranscriptReplayer(
    `=> 07 30 04 00 00 00 0D
<= ${hidReadReply(0x04, DEVICE_INFO_308)}
=> 07 30 04 01 00 00 1E
<= ${firstReport}
=> 07 30 04 01 1E 00 1C
<= ${hidReadReply(0x04, new Array<number>(28).fill(0))}
`,
    { kind: "packet", info: { packetSize: 64 } },
  );
  await replayer.open();
  const charger = await ICharger.open(replayer);
  try {
    const status = await charger.readChannelStatus(0);
    replayer.assertComplete();
    return status;
  } finally {
    charger.dispose();
  }
}

describe("no probe, no temperature: the external temperature reads exactly 0 without a probe (docs/protocols/icharger.md#channel-status-input-0x0100-0x0200)", () => {
  it("the documented LogView report gives no external temperature, and a recorded run leaves its column empty", () => {
    const sample = decodeLogView(fromHex(LOGVIEW)) as LogViewSample;
    expect(sample).toMatchObject({ kind: "sample", internalTemperature: 35.6, externalTemperature: null });
    const row = formatLog([sample], "csv").split("\n")[1]!.split(",");
    expect(row.slice(8, 10)).toEqual(["35.6", ""]);
    // The same report with a probe at −1.5 °C (`F1 FF`).
    const probed = fromHex(LOGVIEW);
    probed.set([0xf1, 0xff], 22);
    expect(decodeLogView(probed)).toMatchObject({ externalTemperature: -1.5 });
  });

  it("a channel read over USB without a probe has no battery temperature; with one, it has the probe's", async () => {
    const bare = await channelFrom(CHANNEL_REPLY_NO_PROBE);
    expect(bare).toMatchObject({ internalTemperature: 35.6, externalTemperature: null, outputVoltage: 15.403 });
    expect(channelBattery(bare).temperatures).toEqual([]);
    // Register 10 = 0x00FA: a probe at 25.0 °C (bytes 24–25 of the report).
    const withProbe = fromHex(CHANNEL_REPLY_NO_PROBE);
    withProbe.set([0x00, 0xfa], 24);
    const probed = await channelFrom(toHex(withProbe));
    expect(probed.externalTemperature).toBe(25);
    expect(channelBattery(probed).temperatures).toEqual([25]);
  });

  it("keeps readings near and below zero: only exactly 0 means no probe", () => {
    expect([0, 1, -1, 0xfff6 - 0x10000, 250].map(externalProbeTemperature)).toEqual([null, 0.1, -0.1, -1, 25]);
    const registers = new Array<number>(58).fill(0);
    registers[10] = 0xffff; // −0.1 °C
    expect(channelBattery(decodeChannelStatus(0, registers, { cells: 8 })).temperatures).toEqual([-0.1]);
  });

  describe("the simulator: a pack without a probe reads 0, and read() leaves the temperature out", () => {
    const open = rigPerTest(hidRig);

    it("channel 1 without a probe, channel 2 with one", async () => {
      const { charger } = await open({ sim: { packs: [{ probe: false }, {}] } });
      const reading = await charger.read();
      expect(reading.batteries.map((b) => b.temperatures)).toEqual([[], [25]]);
      const keys = reading.measurements.map((m) => m.key);
      expect(keys).not.toContain("ch1_temperature_1");
      expect(keys).toContain("ch2_temperature_1");
      expect(reading.reading.channels.map((c) => c.externalTemperature)).toEqual([null, 25]);
    });
  });
});
