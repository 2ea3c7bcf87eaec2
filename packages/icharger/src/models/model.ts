import type { BatteryTypeNumbering } from "./chemistry.js";

/** Model families: they share register layouts (docs/protocols/icharger.md#models). */
export type ModelFamily = "duo" | "x" | "s" | "dx";

/** Identifiers of the supported models. */
export type ModelId = "308duo" | "406duo" | "4010duo" | "456duo" | "458duo" | "4512duo" | "x6" | "x8" | "x12" | "s6" | "dx6" | "dx8" | "dx12";

/** SYSTEM layouts: DUO (PDF V2.1), X/S (DataExplorer, confirmed by a capture), DX (not known field by field). */
export type SystemLayoutId = "duo" | "x" | "dx";

/**
 * What differs between models, as data. Values the reference does not give are `undefined` and
 * listed in {@link ChargerModel.unknowns}; code that needs them refuses instead of guessing.
 */
export interface ChargerModel {
  /** Short id (`308duo`). */
  readonly id: ModelId;
  /** Display name (`308 DUO`). */
  readonly name: string;
  /** Family. */
  readonly family: ModelFamily;
  /** Device-ID register value; `undefined` where not known (identify by product string). */
  readonly deviceId: number | undefined;
  /** USB product string. */
  readonly productString: string;
  /** Output channels. */
  readonly channels: 1 | 2;
  /** Status words in device info (1 on X/S, 2 on DUO/DX). */
  readonly statusWords: 1 | 2;
  /** Balance-port cells per channel. */
  readonly cellsPerChannel: number;
  /** Largest charge current, A. */
  readonly maxChargeCurrent: number;
  /** Charge power limit, W. */
  readonly chargePower: number;
  /** Discharge power limit, W. */
  readonly dischargePower: number;
  /** Preset index entries (MEM_HEAD). */
  readonly presetSlots: 32 | 64;
  /** MEMORY sizes in bytes this family is known to use (the device reports its own in device info). */
  readonly memoryLengths: readonly number[];
  /** SYSTEM layout. */
  readonly systemLayout: SystemLayoutId;
  /** Battery-type numbering of presets. */
  readonly batteryTypes: BatteryTypeNumbering;
  /** Whether operation 5 (power supply) exists. */
  readonly powerOperation: boolean;
  /** Whether channel registers 58–73 (cell capacities) are expected. */
  readonly cellCapacityRegisters: boolean;
  /** What the reference does not establish for this model. */
  readonly unknowns: readonly string[];
}
