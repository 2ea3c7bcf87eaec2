import { concatBytes, fromHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { defineRegisterMap, describeCapture, encodeRequest, encodeResponse, encodeRtuFrame, parseRtuCapture, requestFromReply } from "../src/index.js";

// Frames and fields from docs/protocols/evcharger.md#example-frames and docs/protocols/voltaic.md#lumiax-family-registers.
const evcInput = defineRegisterMap({
  voltageL1: { address: 0x0000, type: "u16", scale: 0.01, unit: "V" },
  voltageL2: { address: 0x0001, type: "u16", scale: 0.01, unit: "V" },
  voltageL3: { address: 0x0002, type: "u16", scale: 0.01, unit: "V" },
});
const evcStatus = defineRegisterMap({ state: { address: 0x001d, type: "enum", values: { 2: "Charging" } } });
const evcHolding = defineRegisterMap({
  command: { address: 0x0627, type: "enum", values: { 3: "stop", 4: "start" } },
  maxCurrent: { address: 0x0628, type: "u16", scale: 0.01, unit: "A" },
});
const voltaicInput = defineRegisterMap({ batteryVoltage: { address: 0x30a0, type: "u16", scale: 0.01, unit: "V" } });

describe("parseRtuCapture", () => {
  it("pairs a request with the reply after it (X3-EVC phase voltages, RTU form)", () => {
    const [request, reply] = parseRtuCapture(fromHex("46 04 00 00 00 03 BF 7C 46 04 06 5D 3E 5D 7B 5D 81 C8 AD"));
    expect(request).toMatchObject({ role: "request", unit: 0x46, request: { kind: "read-input-registers", address: 0, count: 3 } });
    expect(reply).toMatchObject({ role: "reply", unit: 0x46, response: { kind: "read-input-registers", values: [0x5d3e, 0x5d7b, 0x5d81] } });
    expect(reply?.role === "reply" && reply.answers).toEqual({ kind: "read-input-registers", address: 0, count: 3 });
    expect([...(request?.raw ?? [])]).toEqual([...fromHex("46 04 00 00 00 03 BF 7C")]);
  });

  it("takes a write followed by the same bytes as the write and its echo; alone, as a request", () => {
    const pair = parseRtuCapture(fromHex("46 06 06 28 04 B0 05 49 46 06 06 28 04 B0 05 49"));
    expect(pair.map((f) => f.role)).toEqual(["request", "reply"]);
    expect(pair[1]).toMatchObject({ response: { kind: "write-single-register", address: 0x0628, value: 1200 } });
    expect(parseRtuCapture(fromHex("46 06 06 28 04 B0 05 49"))).toMatchObject([{ role: "request", request: { value: 1200 } }]);
  });

  it("decodes a reply without its request by its own layout", () => {
    const [reply] = parseRtuCapture(fromHex("01 04 02 05 46 3B 92"));
    expect(reply).toMatchObject({ role: "reply", unit: 1, answers: undefined, response: { kind: "read-input-registers", values: [1350] } });
    expect(parseRtuCapture(fromHex("46 10 06 27 00 02 FE 3C"))).toMatchObject([{ role: "reply", response: { kind: "write-multiple-registers", address: 0x0627, count: 2 } }]);
    expect(parseRtuCapture(fromHex("01 86 01 83 A0"))).toMatchObject([{ role: "reply", response: { kind: "exception", functionCode: 6, exceptionCode: 1 } }]);
  });

  it("does not pair a reply from another unit (a wildcard read answered from address 1)", () => {
    const reply = encodeRtuFrame(1, encodeResponse({ kind: "read-input-registers", values: new Array<number>(43).fill(7) }));
    const frames = parseRtuCapture(concatBytes(fromHex("FE 04 30 30 00 2B AB 15"), reply));
    expect(frames).toMatchObject([{ role: "request", unit: 0xfe, request: { address: 0x3030, count: 43 } }, { role: "reply", unit: 1, answers: undefined }]);
  });

  it("refuses a bad CRC, a cut frame and empty input with typed errors", () => {
    expect(() => parseRtuCapture(fromHex("01 04 30 A0 00 01 3E E9"))).toThrow(expect.objectContaining({ code: "checksum" }));
    expect(() => parseRtuCapture(fromHex("01 04 30 A0 00 01 3E E8 01 04 02 05 46 3B 93"))).toThrow(expect.objectContaining({ code: "checksum" }));
    expect(() => parseRtuCapture(fromHex("01 04 30"))).toThrow(expect.objectContaining({ code: "frame" }));
    expect(() => parseRtuCapture(new Uint8Array(0))).toThrow(expect.objectContaining({ code: "frame" }));
  });

  it("builds a stand-in request from a reply, and refuses an unknown function", () => {
    expect(requestFromReply(fromHex("04 06 5D 3E 5D 7B 5D 81"))).toEqual({ kind: "read-input-registers", address: 0, count: 3 });
    expect(requestFromReply(fromHex("10 06 27 00 02"))).toEqual({ kind: "write-multiple-registers", address: 0x0627, values: [0, 0] });
    expect(requestFromReply(fromHex("05 00 00 FF 00"))).toEqual({ kind: "write-single-coil", address: 0, value: true });
    expect(() => requestFromReply(fromHex("41 00"))).toThrow(expect.objectContaining({ code: "frame" }));
  });
});

describe("describeCapture", () => {
  it("names the registers a read asks for and decodes the reply after it", () => {
    const [request, reply] = describeCapture(fromHex("46 04 00 00 00 03 BF 7C 46 04 06 5D 3E 5D 7B 5D 81 C8 AD"), { input: evcInput });
    expect(request).toMatchObject({ role: "request", unit: 70, function: "0x04 read-input-registers", address: 0, count: 3, registers: ["voltageL1", "voltageL2", "voltageL3"] });
    expect(reply).toMatchObject({ role: "reply", address: 0, count: 3, fields: { voltageL1: 238.7, voltageL2: 239.31, voltageL3: 239.37 } });
    expect(reply?.hex).toBe("46 04 06 5d 3e 5d 7b 5d 81 c8 ad");
  });

  it("merges several maps of one table", () => {
    const values = new Array<number>(30).fill(0x5d3e);
    values[0x1d] = 2;
    const capture = concatBytes(
      encodeRtuFrame(70, encodeRequest({ kind: "read-input-registers", address: 0, count: 30 })),
      encodeRtuFrame(70, encodeResponse({ kind: "read-input-registers", values })),
    );
    const [request, reply] = describeCapture(capture, { input: [evcInput, evcStatus] });
    expect(request?.registers).toEqual(["voltageL1", "voltageL2", "voltageL3", "state"]);
    expect(reply?.fields).toMatchObject({ voltageL1: 238.7, state: { value: 2, name: "Charging" } });
  });

  it("decodes writes, their echoes and coils by name", () => {
    const naming = { holding: evcHolding, coils: { 0: "loadOutput" } };
    const [write, echo] = describeCapture(fromHex("46 10 06 27 00 02 04 00 04 0C 80 91 25 46 10 06 27 00 02 FE 3C"), naming);
    expect(write).toMatchObject({ function: "0x10 write-multiple-registers", address: 0x0627, count: 2, values: [4, 3200], fields: { command: { value: 4, name: "start" }, maxCurrent: 32 } });
    expect(echo).toMatchObject({ role: "reply", address: 0x0627, count: 2 });
    expect(describeCapture(fromHex("46 06 06 28 04 B0 05 49"), naming)[0]).toMatchObject({ fields: { maxCurrent: 12 } });
    expect(describeCapture(fromHex("01 05 00 00 FF 00 8C 3A"), naming)[0]).toMatchObject({ function: "0x05 write-single-coil", fields: { loadOutput: true } });
  });

  it("reports values without names where the addresses are unknown, and exceptions by name", () => {
    expect(describeCapture(fromHex("01 04 02 05 46 3B 92"), { input: voltaicInput })[0]).toEqual({
      role: "reply",
      unit: 1,
      function: "0x04 read-input-registers",
      count: 1,
      values: [1350],
      hex: "01 04 02 05 46 3b 92",
    });
    expect(describeCapture(fromHex("01 04 30 A0 00 01 3E E8 01 04 02 05 46 3B 92"), { input: voltaicInput })[1]?.fields).toEqual({ batteryVoltage: 13.5 });
    expect(describeCapture(fromHex("01 04 30 A0 00 01 3E E8 01 04 02 05 46 3B 92"), {})[1]?.fields).toEqual({});
    expect(describeCapture(fromHex("01 86 01 83 A0"), {})[0]).toMatchObject({ function: "0x86 exception", exception: { code: 1, name: "Illegal Function" } });
  });
});
