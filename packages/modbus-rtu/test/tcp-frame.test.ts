import { FrameDecoder, hex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { decodeResponse, encodeRequest, encodeTcpFrame, tcpFrameParser, type ModbusFrame, type ModbusRequest } from "../src/index.js";

// docs/protocols/evcharger.md#example-frames: frames captured as Modbus TCP from an X3-EVC (unit 70).
describe("Modbus TCP (MBAP) framing", () => {
  it("encodes the captured phase-voltage request and decodes its reply", () => {
    const request: ModbusRequest = { kind: "read-input-registers", address: 0, count: 3 };
    const bytes = encodeTcpFrame({ transactionId: 5, unit: 0x46, pdu: encodeRequest(request) });
    expect(toHex(bytes)).toBe("00 05 00 00 00 06 46 04 00 00 00 03");

    const reply = tcpFrameParser.parse(hex`00 05 00 00 00 09 46 04 06 5D 3E 5D 7B 5D 81`);
    expect(reply.kind).toBe("frame");
    if (reply.kind !== "frame") return;
    expect(reply.length).toBe(15);
    expect(reply.frame).toMatchObject({ framing: "tcp", transactionId: 5, unit: 0x46 });
    expect(decodeResponse(reply.frame.pdu, request)).toEqual({ kind: "read-input-registers", values: [23870, 23931, 23937] });
  });

  it("encodes the captured charging-current write", () => {
    const pdu = encodeRequest({ kind: "write-single-register", address: 0x0628, value: 1200 });
    expect(toHex(encodeTcpFrame({ transactionId: 2, unit: 0x46, pdu }))).toBe("00 02 00 00 00 06 46 06 06 28 04 b0");
  });

  it("waits for the length the header announces, across chunks", () => {
    const decoder = new FrameDecoder<ModbusFrame>(tcpFrameParser);
    expect(decoder.push(hex`00 05 00 00 00`)).toEqual([]);
    expect(decoder.push(hex`09 46 04 06 5D 3E`)).toEqual([]);
    const events = decoder.push(hex`5D 7B 5D 81 00 06`);
    expect(events.map((e) => e.type)).toEqual(["frame"]);
    expect(decoder.buffered).toBe(2);
  });

  it("skips bytes whose protocol id or length cannot be MBAP", () => {
    const decoder = new FrameDecoder<ModbusFrame>(tcpFrameParser);
    const events = decoder.push(hex`00 01 00 07 00 06 00 02 00 00 00 06 46 06 06 28 04 B0`);
    expect(events[0]).toMatchObject({ type: "skipped", error: { code: "frame" } });
    expect(events[1]).toMatchObject({ type: "frame", frame: { transactionId: 2, unit: 0x46 } });
    expect(tcpFrameParser.parse(hex`00 01 00 00 01 00 46`).kind).toBe("invalid");
  });

  it("refuses a PDU that does not fit", () => {
    expect(() => encodeTcpFrame({ transactionId: 1, unit: 1, pdu: new Uint8Array(254) })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
  });
});
