import { describe, expect, it } from "vitest";
import { batteryTypes, identifyModel, MODELS, modelById, modelByProductString, operationCode } from "../src/index.js";

describe("models (docs/protocols/icharger.md#models)", () => {
  it("lists the thirteen models with their differences as data", () => {
    expect(MODELS.map((m) => m.id)).toEqual(["308duo", "406duo", "4010duo", "456duo", "458duo", "4512duo", "x6", "x8", "x12", "s6", "dx6", "dx8", "dx12"]);
    expect(modelById("4010duo")).toMatchObject({ deviceId: 64, channels: 2, cellsPerChannel: 10, chargePower: 1400, presetSlots: 64, systemLayout: "duo", batteryTypes: "duo", unknowns: [] });
    expect(modelById("x8")).toMatchObject({ deviceId: undefined, channels: 1, statusWords: 1, presetSlots: 32, memoryLengths: [192], powerOperation: true });
    expect(modelById("x8").unknowns).toContain("deviceId");
    expect(modelById("dx12").unknowns).toEqual(expect.arrayContaining(["deviceId", expect.stringContaining("systemLayout")]));
    expect(modelById("s6").unknowns).toEqual(expect.arrayContaining([expect.stringContaining("batteryTypes")]));
  });

  it("identifies by device ID, then product string; an explicit model wins; unknown IDs need help", () => {
    expect(identifyModel(66)).toMatchObject({ by: "device-id", model: { id: "308duo" } });
    expect(identifyModel(67).model.id).toBe("406duo");
    expect(identifyModel(64).model.id).toBe("4010duo");
    expect(identifyModel(99, { productString: "Junsi X12 USB HID" })).toMatchObject({ by: "product-string", model: { id: "x12" } });
    expect(modelByProductString("junsi  icharger 308duo usb hid")?.id).toBe("308duo");
    expect(identifyModel(66, { model: "dx6" })).toMatchObject({ by: "option", model: { id: "dx6" } });
    expect(() => identifyModel(99)).toThrow(expect.objectContaining({ code: "unsupported" }));
    expect(() => identifyModel(66, { model: "9000duo" })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("numbers operations by chemistry: lithium 0–4, nickel/lead 1 = discharge, power 5 on X only", () => {
    const duo = modelById("308duo");
    expect(["charge", "storage", "discharge", "cycle", "balance"].map((op) => operationCode(duo, "LiPo", op as never))).toEqual([0, 1, 2, 3, 4]);
    expect(operationCode(duo, "NiMH", "discharge")).toBe(1);
    expect(operationCode(duo, "Pb", "cycle")).toBe(2);
    expect(() => operationCode(duo, "NiCd", "storage")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => operationCode(duo, "LiPo", "power")).toThrow(expect.objectContaining({ code: "unsupported" }));
    expect(operationCode(modelById("x6"), "Power", "power")).toBe(5);
    expect(() => operationCode(modelById("x6"), "User", "charge")).toThrow(expect.objectContaining({ code: "unsupported" }));
  });

  it("has the two battery-type numberings", () => {
    expect(batteryTypes("duo")).toEqual(["LiPo", "LiIo", "LiFe", "NiMH", "NiCd", "Pb", "NiZn", "LiHV"]);
    expect(batteryTypes("x")).toEqual(["LiPo", "LiIo", "LiFe", "LiHV", "LTO", "NiMH", "NiCd", "NiZn", "Pb", "Power", "User"]);
  });
});
