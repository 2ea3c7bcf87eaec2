import { concatBytes, fromHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";
import * as E from "./fixtures/esphome-jk-bms.js";
import * as M from "./fixtures/mpp-solar.js";
import { FRAME_14S } from "./reference-frames.js";

const decode = (bytes: Uint8Array, options: Record<string, string | boolean> = {}) => plugin.decode!(bytes, options) as Record<string, unknown>;

describe("batt decode jk: 55 AA EB 90 frames and captures with leading bytes", () => {
  it("a device info frame: its versions choose the layout", () => {
    expect(decode(E.DEVICE_INFO_JK02_32S_V11)).toMatchObject({
      protocol: "55aa-eb90",
      frame: "device-info",
      generation: "jk02-32s",
      generationFrom: "device-info",
      values: { model: "JK_PB2A16S15P", hardwareVersion: "14.XA", softwareVersion: "14.20" },
    });
  });

  it("a lone cell info frame: the layout guessed from its cell mask, and --generation overrides it", () => {
    expect(decode(E.CELL_INFO_JK02_24S_V10)).toMatchObject({ generation: "jk02-24s", live: { packVoltage: 78.735, soc: 85 } });
    expect(decode(E.CELL_INFO_JK02_32S_V19)).toMatchObject({ generation: "jk02-32s", live: { packVoltage: 54.028, current: -0.727 } });
    expect(decode(E.CELL_INFO_JK04)).toMatchObject({ generation: "jk04", values: { runtime: 1_873_811 } });
    expect(decode(E.CELL_INFO_JK02_32S_V19, { generation: "jk02-32s" })).toMatchObject({ generationFrom: "option" });
    expect(() => decode(E.CELL_INFO_JK02_32S_V19, { generation: "jk05" })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("a JK-PB reply (mpp-solar): the acknowledgement after the frame names the sender; also with --protocol pb", () => {
    for (const options of [{}, { protocol: "pb" }] as Record<string, string>[]) {
      expect(decode(M.MPP_PB_CELL_INFO_REPLY, options)).toMatchObject({ frame: "cell-info", acknowledgement: { address: 1, register: 0x1620 }, live: { packVoltage: 26.852, current: 17.841 } });
    }
  });

  it("bytes before the header are skipped and reported: the tail of an earlier frame before 4E 57 (esphome-jk-bms#489)", () => {
    const tail = FRAME_14S.subarray(FRAME_14S.length - 7);
    const decoded = decode(concatBytes(tail, FRAME_14S));
    expect(decoded["skipped"]).toEqual({ bytes: 7, hex: "00 00 68 00 00 54 d1" });
    expect(decoded).toMatchObject({ values: { totalVoltage: 53.59, cellCount: 14 } });
  });

  it("bytes before a 55 AA EB 90 header are skipped and reported", () => {
    const decoded = decode(concatBytes(fromHex("DF FF 00"), E.CELL_INFO_JK02_32S_V11));
    expect(decoded["skipped"]).toEqual({ bytes: 3, hex: "df ff 00" });
    expect(decoded).toMatchObject({ live: { packVoltage: 51.689 } });
  });

  it("bad input: typed errors (no header, truncated frame, bad checksum unless --no-verify)", () => {
    expect(() => decode(fromHex("01 02 03 04"))).toThrow(expect.objectContaining({ code: "frame" }));
    expect(() => decode(E.CELL_INFO_JK02_32S_V11.subarray(0, 200))).toThrow(expect.objectContaining({ code: "frame" }));
    const bad = E.CELL_INFO_JK02_32S_V11.slice();
    bad[299] = bad[299]! ^ 0xff;
    expect(() => decode(bad)).toThrow(expect.objectContaining({ code: "checksum" }));
    expect(decode(bad, { "no-verify": true })).toMatchObject({ checksumVerified: false, live: { packVoltage: 51.689 } });
  });
});
