// Grid-power payloads as meters publish them: Home Assistant states, Shelly and Tasmota JSON.
import { isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { MAX_GRID_PAYLOAD, parseGridPayload, type GridPayloadFormat } from "../src/surplus/grid-payload.js";

const HA: GridPayloadFormat = { unit: "W", sign: "import-positive" };

function refused(payload: string, format: GridPayloadFormat): string {
  try {
    parseGridPayload(payload, format);
  } catch (error) {
    expect(isBattError(error, "unexpected-reply")).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(payload)}`);
}

describe("parseGridPayload", () => {
  it("reads a plain number (a Home Assistant state topic) and turns import-positive into export", () => {
    expect(parseGridPayload("1234.5", HA)).toBe(-1234.5);
    expect(parseGridPayload(" -800\n", HA)).toBe(800);
    expect(parseGridPayload("0", HA)).toBe(0);
    expect(Object.is(parseGridPayload("0", HA), 0)).toBe(true);
    expect(parseGridPayload("-800", { unit: "W", sign: "export-positive" })).toBe(-800);
  });

  it("scales kW to W", () => {
    expect(parseGridPayload("-1.25", { unit: "kW", sign: "import-positive" })).toBe(1250);
    expect(parseGridPayload("2.5", { unit: "kW", sign: "export-positive" })).toBe(2500);
  });

  it("reads a field of a JSON payload: Shelly Pro 3EM em:0, Tasmota SENSOR, Shelly Gen1 emeters", () => {
    const shelly = '{"id":0,"a_act_power":-350.1,"b_act_power":120.4,"c_act_power":-40,"total_act_power":-269.7,"total_current":2.1}';
    expect(parseGridPayload(shelly, { field: "total_act_power", unit: "W", sign: "import-positive" })).toBeCloseTo(269.7, 9);
    const tasmota = '{"Time":"2026-12-06T12:00:00","ENERGY":{"Total":1234.5,"Power":-1500,"Voltage":230}}';
    expect(parseGridPayload(tasmota, { field: "ENERGY.Power", unit: "W", sign: "import-positive" })).toBe(1500);
    const gen1 = '{"emeters":[{"power":10.5},{"power":-2000}]}';
    expect(parseGridPayload(gen1, { field: "emeters.1.power", unit: "W", sign: "import-positive" })).toBe(2000);
    expect(parseGridPayload('{"p":"3.2"}', { field: "p", unit: "kW", sign: "export-positive" })).toBe(3200);
    // A JSON number is a plain number too.
    expect(parseGridPayload("-42", { ...HA })).toBe(42);
  });

  it("refuses payloads that hold no usable number, saying why", () => {
    expect(refused("unavailable", HA)).toMatch(/not a number/);
    expect(refused("", HA)).toMatch(/not a number/);
    expect(refused("12 W", HA)).toMatch(/not a number/);
    expect(refused("NaN", HA)).toMatch(/not a number/);
    expect(refused("Infinity", HA)).toMatch(/not a number/);
    expect(refused('{"total_act_power":5}', HA)).toMatch(/not a number/);
    const field: GridPayloadFormat = { field: "ENERGY.Power", unit: "W", sign: "import-positive" };
    expect(refused("{broken", field)).toMatch(/not JSON/);
    expect(refused('{"ENERGY":{}}', field)).toMatch(/no number at "ENERGY.Power"/);
    expect(refused('{"ENERGY":{"Power":null}}', field)).toMatch(/no number/);
    expect(refused('{"ENERGY":{"Power":true}}', field)).toMatch(/no number/);
    expect(refused('{"ENERGY":[1,2]}', field)).toMatch(/no number/);
    expect(refused('{"ENERGY":{"Power":""}}', field)).toMatch(/no number/);
    // Inherited properties are not fields of the payload.
    expect(refused("{}", { field: "constructor", unit: "W", sign: "import-positive" })).toMatch(/no number/);
    expect(refused('{"emeters":[{"power":1}]}', { field: "emeters.3.power", unit: "W", sign: "import-positive" })).toMatch(/no number/);
  });

  it("refuses implausible values and oversized payloads", () => {
    expect(refused("1000001", HA)).toMatch(/beyond/);
    expect(refused("1000.5", { unit: "kW", sign: "import-positive" })).toMatch(/beyond/);
    expect(parseGridPayload("1000000", HA)).toBe(-1_000_000);
    expect(refused(" ".repeat(MAX_GRID_PAYLOAD) + "1", HA)).toMatch(/characters/);
  });
});
