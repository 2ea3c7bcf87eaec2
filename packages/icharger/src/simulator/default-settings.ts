import { RegisterArea } from "../constants.js";
import { typeOfChemistry, type Chemistry } from "../models/chemistry.js";
import type { ChargerModel } from "../models/model.js";
import { applyPresetChanges, presetRegisterCount, USE_FLAG, withPresetRaw, type PresetChanges } from "../presets/preset-codec.js";
import { presetFieldsFor } from "../presets/preset-fields.js";
import { encodePresetIndex } from "../presets/preset-index.js";
import { SYSTEM_LAYOUTS } from "../system/system-layouts.js";

/** Factory-like SYSTEM values by setting name, in the layouts' units. */
function systemDefaults(model: ChargerModel): Record<string, number | string> {
  const chargePower = Math.min(1400, Math.round(model.chargePower / model.channels));
  const common = {
    temperatureUnit: "C",
    cutTemperature: 70,
    fanOnTemperature: 40,
    powerReduceDelta: 10,
    fanOffDelay: 2,
    lcdContrast: 16,
    backlight: 20,
    beepEnableKey: "on",
    beepEnableHint: "on",
    beepEnableAlarm: "on",
    beepEnableDone: "on",
    beepVolumeKey: 5,
    beepVolumeHint: 5,
    beepVolumeAlarm: 5,
    beepVolumeDone: 5,
    calibrationSelect: "system",
  };
  if (model.systemLayout === "duo") {
    return {
      ...common,
      inputSource: "DC",
      dcInputLowVoltage: 11,
      dcInputCurrentLimit: 30,
      regenDischargeEnable: "off",
      chargePowerCh1: chargePower,
      chargePowerCh2: chargePower,
      dischargePowerCh1: Math.min(130, model.dischargePower),
      dischargePowerCh2: Math.min(130, model.dischargePower),
      powerPriority: "average",
      logIntervalCh1: 1,
      logIntervalCh2: 1,
      logToSdCh1: "off",
      logToSdCh2: "off",
      modbusMode: "HID",
      serialAddress: 1,
      baudRate: "9600",
      parity: "none",
    };
  }
  if (model.systemLayout === "x") {
    return { ...common, inputSource: 0, dischargePower: Math.min(130, model.dischargePower), logInterval: 1, logToSd: "off" };
  }
  return {};
}

/** Raw words the layouts leave read-only but a charger has values for (fixed input over-voltage, versions). */
const DUO_RAW: Readonly<Record<number, number>> = { 23: 1, 26: 505, 28: 110, 29: 505, 30: 300, 32: 120, 33: 50 };

/** The SYSTEM registers of a fresh charger of `model`. */
export function defaultSystemRegisters(model: ChargerModel): number[] {
  const layout = SYSTEM_LAYOUTS[model.systemLayout];
  const registers = new Array<number>(layout.registers).fill(0);
  for (const [name, value] of Object.entries(systemDefaults(model))) {
    const write = layout.map.encode(name, value as never);
    write.registers.forEach((word, i) => (registers[write.address - RegisterArea.system + i] = word));
  }
  if (model.systemLayout === "duo") for (const [offset, word] of Object.entries(DUO_RAW)) registers[Number(offset)] = word;
  if (model.systemLayout === "x") {
    for (let block = 0; block < 4; block++) {
      const base = 23 + 9 * block;
      registers[base] = 110;
      registers[base + 1] = 300;
      registers[base + 2] = model.chargePower;
    }
  }
  return registers;
}

interface PresetSeed {
  readonly name: string;
  readonly chemistry: Chemistry;
  readonly chargeCurrent: number;
  readonly dischargeCurrent: number;
}

const LITHIUM_OPS = ["charge", "storage", "discharge", "cycle", "balance"];
const OTHER_OPS = ["charge", "discharge", "cycle"];

/** Values every seeded preset gets (J `MemStruct.h` defaults, in SI units: V, Ah, s), where the MEMORY length holds the field. */
const PRESET_DEFAULTS: PresetChanges = {
  capacity: 2.2,
  autoSave: "on",
  liBalEndMode: "OFF-ON",
  channelMode: "async",
  saveToSd: "off",
  logInterval: 1,
  liCell: 0,
  niCell: 0,
  pbCell: 6,
  liModeC: "balance",
  niModeC: "normal",
  pbModeC: "normal",
  balSpeed: "normal",
  balStartMode: 0,
  balDiff: 0.005,
  balOverPoint: 0.0,
  balSetPoint: 0.005,
  balDelay: 60,
  keepChargeEnable: "off",
  liPoChg: 4.2,
  liIoChg: 4.1,
  liFeChg: 3.6,
  liPoSto: 3.85,
  liIoSto: 3.75,
  liFeSto: 3.3,
  liPoDchg: 3.5,
  liIoDchg: 3.5,
  liFeDchg: 2.5,
  endCharge: 10,
  endDischarge: 50,
  regDchgMode: "off",
  niPeak: 0.003,
  niTrickleEnable: "off",
  niTrickleCurrent: 0.05,
  niZeroEnable: "off",
  pbChgCellVolt: 2.4,
  pbDchgCellVolt: 1.8,
  pbFloatEnable: "off",
  pbFloatCellVolt: 2.3,
  restoreVolt: 1.0,
  restoreCurrent: 0.1,
  cycleCount: 3,
  cycleMode: "C>D",
  safetyTimeC: 0,
  safetyCapC: 120,
  safetyTempC: 45,
  safetyTimeD: 0,
  safetyCapD: 120,
  safetyTempD: 45,
  regChMode: "resistor",
  fastSto: "off",
  stoCompensation: 0.01,
  niZnChgCellVolt: 1.9,
  niZnDchgCellVolt: 1.1,
  liHvChg: 4.35,
  ltoChg: 2.85,
  ltoSto: 2.4,
  ltoDchg: 1.8,
};

/** The seven seeded presets (the default MEM_HEAD of docs/protocols/icharger.md#preset-index-mem_head-holding-0x8800 lists slots 0–6). */
function seeds(model: ChargerModel, memoryLength: number): PresetSeed[] {
  const last: PresetSeed =
    model.batteryTypes === "x"
      ? { name: "LTO 2A", chemistry: "LTO", chargeCurrent: 2, dischargeCurrent: 2 }
      : memoryLength >= 173
        ? { name: "LiHV 2A", chemistry: "LiHV", chargeCurrent: 2, dischargeCurrent: 2 }
        : { name: "NiZn 1A", chemistry: "NiZn", chargeCurrent: 1, dischargeCurrent: 1 };
  return [
    { name: "LiPo 2A / 5A", chemistry: "LiPo", chargeCurrent: 2, dischargeCurrent: 5 },
    { name: "LiIo 1A", chemistry: "LiIo", chargeCurrent: 1, dischargeCurrent: 1 },
    { name: "LiFe 2A", chemistry: "LiFe", chargeCurrent: 2, dischargeCurrent: 2 },
    { name: "NiMH 1A", chemistry: "NiMH", chargeCurrent: 1, dischargeCurrent: 0.5 },
    { name: "NiCd 1A", chemistry: "NiCd", chargeCurrent: 1, dischargeCurrent: 0.5 },
    { name: "Pb 2A", chemistry: "Pb", chargeCurrent: 2, dischargeCurrent: 1 },
    last,
  ];
}

/** Registers of one used preset built from a seed (validated by the driver's own preset codec). */
function presetRegisters(model: ChargerModel, memoryLength: number, seed: PresetSeed): number[] {
  const count = presetRegisterCount(memoryLength);
  const present = new Set(presetFieldsFor(memoryLength).map((f) => f.name));
  const lithium = ["LiPo", "LiIo", "LiFe", "LiHV", "LTO"].includes(seed.chemistry);
  const changes: Record<string, PresetChanges[string]> = {};
  for (const [name, value] of Object.entries(PRESET_DEFAULTS)) if (present.has(name)) changes[name] = value;
  Object.assign(changes, {
    name: seed.name,
    type: typeOfChemistry(model.batteryTypes, seed.chemistry) ?? 0,
    chargeCurrent: seed.chargeCurrent,
    dischargeCurrent: seed.dischargeCurrent,
    opEnable: lithium ? LITHIUM_OPS : OTHER_OPS,
  });
  // LiHV storage and discharge have no documented range, so the codec will not set them: seed them raw.
  let registers = new Array<number>(count).fill(0);
  if (present.has("liHvSto")) registers = withPresetRaw(registers, memoryLength, "liHvSto", 3850);
  if (present.has("liHvDchg")) registers = withPresetRaw(registers, memoryLength, "liHvDchg", 3500);
  registers = applyPresetChanges(registers, memoryLength, changes, {
    numbering: model.batteryTypes,
    maxCurrent: model.maxChargeCurrent,
    cells: model.cellsPerChannel,
  });
  return withPresetRaw(registers, memoryLength, "useFlag", USE_FLAG.used);
}

/** Every slot's MEMORY registers: seven seeded presets, the rest erased flash (0xFFFF). */
export function defaultPresetSlots(model: ChargerModel, memoryLength: number): number[][] {
  const count = presetRegisterCount(memoryLength);
  const slots = Array.from({ length: model.presetSlots }, () => new Array<number>(count).fill(0xffff));
  seeds(model, memoryLength).forEach((seed, slot) => (slots[slot] = presetRegisters(model, memoryLength, seed)));
  return slots;
}

/** MEM_HEAD of a fresh charger: {7, {0..6}}. */
export function defaultPresetIndex(model: ChargerModel): number[] {
  return encodePresetIndex([0, 1, 2, 3, 4, 5, 6], model.presetSlots);
}
