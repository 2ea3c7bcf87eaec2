import { fromHex, hex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  ModbusException,
  ModbusExceptionError,
  modbusExceptionName,
  type ModbusRequest,
  type ModbusResponse,
} from "../src/index.js";

// The PDU examples of the Modbus Application Protocol Specification v1.1b3 (docs/protocols/modbus.md#function-code-examples).
interface SpecExample {
  readonly name: string;
  readonly request: ModbusRequest;
  readonly requestPdu: string;
  readonly response: ModbusResponse;
  readonly responsePdu: string;
}

const bits = (text: string): boolean[] => [...text].map((c) => c === "1");

const examples: SpecExample[] = [
  {
    name: "0x01 read coils 20..38",
    request: { kind: "read-coils", address: 19, count: 19 },
    requestPdu: "01 00 13 00 13",
    // CD = coils 27..20, 6B = 35..28, 05 = 38..36 (first coil in bit 0).
    response: { kind: "read-coils", values: bits("1011001111010110101") },
    responsePdu: "01 03 CD 6B 05",
  },
  {
    name: "0x02 read discrete inputs 197..218",
    request: { kind: "read-discrete-inputs", address: 196, count: 22 },
    requestPdu: "02 00 C4 00 16",
    response: { kind: "read-discrete-inputs", values: bits("0011010111011011101011") },
    responsePdu: "02 03 AC DB 35",
  },
  {
    name: "0x03 read holding registers 108..110",
    request: { kind: "read-holding-registers", address: 107, count: 3 },
    requestPdu: "03 00 6B 00 03",
    response: { kind: "read-holding-registers", values: [555, 0, 100] },
    responsePdu: "03 06 02 2B 00 00 00 64",
  },
  {
    name: "0x04 read input register 9",
    request: { kind: "read-input-registers", address: 8, count: 1 },
    requestPdu: "04 00 08 00 01",
    response: { kind: "read-input-registers", values: [10] },
    responsePdu: "04 02 00 0A",
  },
  {
    name: "0x05 write single coil 173 on",
    request: { kind: "write-single-coil", address: 172, value: true },
    requestPdu: "05 00 AC FF 00",
    response: { kind: "write-single-coil", address: 172, value: true },
    responsePdu: "05 00 AC FF 00",
  },
  {
    name: "0x06 write register 2 = 3",
    request: { kind: "write-single-register", address: 1, value: 3 },
    requestPdu: "06 00 01 00 03",
    response: { kind: "write-single-register", address: 1, value: 3 },
    responsePdu: "06 00 01 00 03",
  },
  {
    name: "0x0F write coils 20..29",
    request: { kind: "write-multiple-coils", address: 19, values: bits("1011001110") },
    requestPdu: "0F 00 13 00 0A 02 CD 01",
    response: { kind: "write-multiple-coils", address: 19, count: 10 },
    responsePdu: "0F 00 13 00 0A",
  },
  {
    name: "0x10 write registers 2..3",
    request: { kind: "write-multiple-registers", address: 1, values: [0x000a, 0x0102] },
    requestPdu: "10 00 01 00 02 04 00 0A 01 02",
    response: { kind: "write-multiple-registers", address: 1, count: 2 },
    responsePdu: "10 00 01 00 02",
  },
  {
    name: "0x17 write 15..17, read 4..9",
    request: { kind: "read-write-multiple-registers", readAddress: 3, readCount: 6, writeAddress: 14, values: [0x00ff, 0x00ff, 0x00ff] },
    requestPdu: "17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF",
    response: { kind: "read-write-multiple-registers", values: [0x00fe, 0x0acd, 0x0001, 0x0003, 0x000d, 0x00ff] },
    responsePdu: "17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF",
  },
];

describe("PDU codec against the specification examples", () => {
  it.each(examples)("$name", ({ request, requestPdu, response, responsePdu }) => {
    expect(toHex(encodeRequest(request))).toBe(toHex(fromHex(requestPdu)));
    expect(decodeRequest(fromHex(requestPdu))).toEqual(request);
    expect(toHex(encodeResponse(response))).toBe(toHex(fromHex(responsePdu)));
    expect(decodeResponse(fromHex(responsePdu), request)).toEqual(response);
  });

  it("decodes the specification's exception example (read coil 1186 → 81 02)", () => {
    const request: ModbusRequest = { kind: "read-coils", address: 0x04a1, count: 1 };
    expect(toHex(encodeRequest(request))).toBe("01 04 a1 00 01");
    expect(decodeResponse(hex`81 02`, request)).toEqual({ kind: "exception", functionCode: 1, exceptionCode: 2 });
    expect(toHex(encodeResponse({ kind: "exception", functionCode: 1, exceptionCode: 2 }))).toBe("81 02");
  });

  it("names the exception codes", () => {
    expect(modbusExceptionName(ModbusException.IllegalFunction)).toBe("Illegal Function");
    expect(modbusExceptionName(2)).toBe("Illegal Data Address");
    expect(modbusExceptionName(0x0b)).toBe("Gateway Target Device Failed to Respond");
    expect(modbusExceptionName(0x42)).toBe("Unknown Exception");
    const error = new ModbusExceptionError(3, "too big");
    expect(error).toMatchObject({ code: "device-exception", exceptionCode: 3, context: { deviceCode: 3 } });
    expect(error.message).toBe("Illegal Data Value (exception 03): too big");
  });
});

describe("response checks against the request", () => {
  const read3: ModbusRequest = { kind: "read-holding-registers", address: 107, count: 3 };

  it("rejects a reply for another function as unexpected", () => {
    expect(() => decodeResponse(hex`04 02 00 0A`, read3)).toThrow(expect.objectContaining({ code: "unexpected-reply" }));
  });

  it("rejects a byte count that contradicts the PDU length as a frame error", () => {
    expect(() => decodeResponse(hex`03 06 02 2B 00 00`, read3)).toThrow(expect.objectContaining({ code: "frame" }));
    expect(() => decodeResponse(hex`83 02 00`, read3)).toThrow(expect.objectContaining({ code: "frame" }));
  });

  it("rejects a well-formed reply with the wrong number of registers as unexpected", () => {
    expect(() => decodeResponse(hex`03 04 02 2B 00 00`, read3)).toThrow(expect.objectContaining({ code: "unexpected-reply" }));
    const coils: ModbusRequest = { kind: "read-coils", address: 0, count: 9 };
    expect(() => decodeResponse(hex`01 01 ff`, coils)).toThrow(expect.objectContaining({ code: "unexpected-reply" }));
  });

  it("checks write echoes: address, value and count must match", () => {
    const single: ModbusRequest = { kind: "write-single-register", address: 1, value: 3 };
    expect(() => decodeResponse(hex`06 00 02 00 03`, single)).toThrow(expect.objectContaining({ code: "unexpected-reply" }));
    expect(() => decodeResponse(hex`06 00 01 00 04`, single)).toThrow(expect.objectContaining({ code: "unexpected-reply" }));
    const coil: ModbusRequest = { kind: "write-single-coil", address: 172, value: true };
    expect(() => decodeResponse(hex`05 00 AC 00 00`, coil)).toThrow(expect.objectContaining({ code: "unexpected-reply" }));
    const multi: ModbusRequest = { kind: "write-multiple-registers", address: 1, values: [1, 2] };
    expect(() => decodeResponse(hex`10 00 01 00 03`, multi)).toThrow(expect.objectContaining({ code: "unexpected-reply" }));
    expect(() => decodeResponse(hex`10 00 01 00 02 00`, multi)).toThrow(expect.objectContaining({ code: "frame" }));
  });
});

describe("request decoding on the server side", () => {
  const exceptionOf = (pdu: Uint8Array): number | undefined => {
    try {
      decodeRequest(pdu);
      return undefined;
    } catch (error) {
      return (error as ModbusExceptionError).exceptionCode;
    }
  };

  it("answers an unknown function with exception 01", () => {
    expect(exceptionOf(hex`2B 0E 01 00`)).toBe(1);
    expect(exceptionOf(hex`16 00 04 00 F2 00 25`)).toBe(1);
  });

  it("answers a bad count, byte count or coil value with exception 03", () => {
    expect(exceptionOf(hex`03 00 00 00 00`)).toBe(3);
    expect(exceptionOf(hex`03 00 00 00 7E`)).toBe(3);
    expect(exceptionOf(hex`01 00 00 07 D1`)).toBe(3);
    expect(exceptionOf(hex`05 00 00 12 34`)).toBe(3);
    expect(exceptionOf(hex`10 00 01 00 02 02 00 0A`)).toBe(3);
    expect(exceptionOf(hex`0F 00 13 00 0A 01 CD`)).toBe(3);
    expect(exceptionOf(hex`03 00 6B 00`)).toBe(3);
  });

  it("answers a range past 65535 with exception 02", () => {
    expect(exceptionOf(hex`03 FF FF 00 02`)).toBe(2);
    expect(exceptionOf(hex`03 FF FF 00 01`)).toBeUndefined();
  });
});
