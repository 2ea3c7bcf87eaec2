import type { ChargerModel, ModelFamily, ModelId } from "./model.js";

/** Traits shared by a family (docs/protocols/icharger.md#models, "family differences"). */
type FamilyTraits = Pick<
  ChargerModel,
  "family" | "statusWords" | "presetSlots" | "memoryLengths" | "systemLayout" | "batteryTypes" | "powerOperation" | "cellCapacityRegisters"
> & { readonly unknowns: readonly string[] };

const FAMILIES: Readonly<Record<ModelFamily, FamilyTraits>> = {
  duo: {
    family: "duo",
    statusWords: 2,
    presetSlots: 64,
    memoryLengths: [167, 173],
    systemLayout: "duo",
    batteryTypes: "duo",
    powerOperation: false,
    cellCapacityRegisters: false,
    unknowns: [],
  },
  x: {
    family: "x",
    statusWords: 1,
    presetSlots: 32,
    memoryLengths: [192],
    systemLayout: "x",
    batteryTypes: "x",
    powerOperation: true,
    cellCapacityRegisters: true,
    unknowns: ["deviceId"],
  },
  s: {
    family: "s",
    statusWords: 1,
    presetSlots: 32,
    memoryLengths: [192],
    systemLayout: "x",
    batteryTypes: "x",
    powerOperation: false,
    cellCapacityRegisters: true,
    unknowns: ["deviceId", "batteryTypes (X numbering assumed)", "powerOperation (not documented for S)"],
  },
  dx: {
    family: "dx",
    statusWords: 2,
    presetSlots: 64,
    memoryLengths: [192],
    systemLayout: "dx",
    batteryTypes: "x",
    powerOperation: false,
    cellCapacityRegisters: true,
    unknowns: ["deviceId", "systemLayout (DX fields not documented one by one)", "powerOperation (X only in the reference)"],
  },
};

/** Per-model rows of docs/protocols/icharger.md#models: channels, cells, limits, IDs. */
const ROWS: readonly (Pick<ChargerModel, "id" | "name" | "deviceId" | "productString" | "channels" | "cellsPerChannel" | "maxChargeCurrent" | "chargePower" | "dischargePower"> & {
  readonly family: ModelFamily;
})[] = [
  { id: "308duo", name: "308 DUO", family: "duo", deviceId: 66, productString: "Junsi iCharger 308Duo USB HID", channels: 2, cellsPerChannel: 8, maxChargeCurrent: 30, chargePower: 800, dischargePower: 80 },
  { id: "406duo", name: "406 DUO", family: "duo", deviceId: 67, productString: "Junsi iCharger 406Duo USB HID", channels: 2, cellsPerChannel: 6, maxChargeCurrent: 40, chargePower: 1000, dischargePower: 80 },
  { id: "4010duo", name: "4010 DUO", family: "duo", deviceId: 64, productString: "Junsi iCharger 4010Duo USB HID", channels: 2, cellsPerChannel: 10, maxChargeCurrent: 40, chargePower: 1400, dischargePower: 130 },
  { id: "456duo", name: "456 DUO", family: "duo", deviceId: undefined, productString: "Junsi 456DUO USB HID", channels: 2, cellsPerChannel: 6, maxChargeCurrent: 40, chargePower: 1400, dischargePower: 80 },
  { id: "458duo", name: "458 DUO", family: "duo", deviceId: undefined, productString: "Junsi 458DUO USB HID", channels: 2, cellsPerChannel: 8, maxChargeCurrent: 45, chargePower: 1600, dischargePower: 80 },
  { id: "4512duo", name: "4512 DUO", family: "duo", deviceId: undefined, productString: "Junsi 4512DUO USB HID", channels: 2, cellsPerChannel: 12, maxChargeCurrent: 45, chargePower: 2000, dischargePower: 130 },
  { id: "x6", name: "X6", family: "x", deviceId: undefined, productString: "Junsi X6 USB HID", channels: 1, cellsPerChannel: 6, maxChargeCurrent: 30, chargePower: 800, dischargePower: 30 },
  { id: "x8", name: "X8", family: "x", deviceId: undefined, productString: "Junsi X8 USB HID", channels: 1, cellsPerChannel: 8, maxChargeCurrent: 30, chargePower: 1100, dischargePower: 50 },
  { id: "x12", name: "X12", family: "x", deviceId: undefined, productString: "Junsi X12 USB HID", channels: 1, cellsPerChannel: 12, maxChargeCurrent: 25, chargePower: 1100, dischargePower: 50 },
  { id: "s6", name: "S6", family: "s", deviceId: undefined, productString: "Junsi S6 USB HID", channels: 1, cellsPerChannel: 6, maxChargeCurrent: 40, chargePower: 1100, dischargePower: 40 },
  { id: "dx6", name: "DX6", family: "dx", deviceId: undefined, productString: "Junsi DX6 USB HID", channels: 2, cellsPerChannel: 6, maxChargeCurrent: 32, chargePower: 900, dischargePower: 40 },
  { id: "dx8", name: "DX8", family: "dx", deviceId: undefined, productString: "Junsi DX8 USB HID", channels: 2, cellsPerChannel: 8, maxChargeCurrent: 30, chargePower: 1100, dischargePower: 45 },
  { id: "dx12", name: "DX12", family: "dx", deviceId: undefined, productString: "Junsi DX12 USB HID", channels: 2, cellsPerChannel: 12, maxChargeCurrent: 30, chargePower: 1200, dischargePower: 50 },
];

/**
 * Every supported model (docs/protocols/icharger.md#models), family traits merged in. Device IDs are known for the 308,
 * 406 and 4010 DUO only; the others are identified by their USB product string.
 */
export const MODELS: readonly ChargerModel[] = ROWS.map((row) => {
  const traits = FAMILIES[row.family];
  const unknowns = row.deviceId === undefined ? traits.unknowns : traits.unknowns.filter((u) => u !== "deviceId");
  const withId = row.deviceId === undefined && !unknowns.includes("deviceId") ? ["deviceId", ...unknowns] : unknowns;
  return { ...traits, ...row, unknowns: withId };
});

/** The model with id `id`. */
export function modelById(id: ModelId): ChargerModel {
  return MODELS.find((m) => m.id === id)!;
}

/** Whether `text` names a model id (`308duo`, `x6`…). */
export function isModelId(text: string): text is ModelId {
  return MODELS.some((m) => m.id === text);
}
