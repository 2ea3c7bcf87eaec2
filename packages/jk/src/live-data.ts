import type { JkFlags, JkStatusName, JkWarningName } from "./identifiers/flag-tables.js";
import type { JkCell } from "./identifiers/identifier-spec.js";
import type { JkSnapshot } from "./snapshot.js";

/** Lowest, highest and spread of the cell voltages. */
export interface JkCellStats {
  /** Number of cells reported. */
  readonly count: number;
  /** Lowest cell voltage, V. */
  readonly min: number;
  /** Highest cell voltage, V. */
  readonly max: number;
  /** Number (as the BMS counts, 1-based) of the lowest cell. */
  readonly minCell: number;
  /** Number of the highest cell. */
  readonly maxCell: number;
  /** max − min, V. */
  readonly delta: number;
  /** Mean cell voltage, V. */
  readonly average: number;
}

/** The live state of a pack from one read-all reply: what a monitor shows. Absent fields were not in the reply. */
export interface JkLiveData {
  /** Cell voltages, V, in cell order. */
  readonly cellVoltages: readonly number[];
  /** Statistics of the cell voltages (absent without cells). */
  readonly cells?: JkCellStats;
  /** Pack voltage, V. */
  readonly totalVoltage?: number;
  /** Current, A, charging positive. */
  readonly current?: number;
  /** Power, W, charging positive (total voltage × current). */
  readonly power?: number;
  /** State of charge, %. */
  readonly soc?: number;
  /** MOSFET temperature, °C. */
  readonly mosTemperature?: number;
  /** Sensor 1 (battery box), °C. */
  readonly temperature1?: number;
  /** Sensor 2 (battery), °C. */
  readonly temperature2?: number;
  /** Charge cycles. */
  readonly cycleCount?: number;
  /** Total cycle capacity, Ah. */
  readonly totalCycleCapacity?: number;
  /** Warning bits. */
  readonly warnings?: JkFlags<JkWarningName>;
  /** Actual MOSFET, balancer and connection state. */
  readonly status?: JkFlags<JkStatusName>;
  /** Charge MOSFET enable switch (0xAB). */
  readonly chargeSwitch?: boolean;
  /** Discharge MOSFET enable switch (0xAC). */
  readonly dischargeSwitch?: boolean;
  /** Active balance switch (0x9D). */
  readonly balanceSwitch?: boolean;
  /** Protocol version (0xC0). */
  readonly protocolVersion?: number;
  /** Software version (0xB7). */
  readonly softwareVersion?: string;
}

/** Statistics of a cell list; `undefined` for an empty list. */
export function cellStats(cells: readonly JkCell[]): JkCellStats | undefined {
  if (cells.length === 0) return undefined;
  let min = cells[0]!;
  let max = cells[0]!;
  let totalMv = 0;
  for (const cell of cells) {
    if (cell.voltage < min.voltage) min = cell;
    if (cell.voltage > max.voltage) max = cell;
    totalMv += Math.round(cell.voltage * 1000);
  }
  const deltaMv = Math.round(max.voltage * 1000) - Math.round(min.voltage * 1000);
  return {
    count: cells.length,
    min: min.voltage,
    max: max.voltage,
    minCell: min.index,
    maxCell: max.index,
    delta: deltaMv / 1000,
    average: Math.round(totalMv / cells.length) / 1000,
  };
}

/** The live part of a snapshot, with derived cell statistics and power. */
export function liveData(snapshot: JkSnapshot): JkLiveData {
  const v = snapshot.values;
  const cells = v.cellVoltages ?? [];
  const stats = cellStats(cells);
  const power = v.totalVoltage !== undefined && v.current !== undefined ? Math.round(v.totalVoltage * v.current * 100) / 100 : undefined;
  const pick = {
    totalVoltage: v.totalVoltage,
    current: v.current,
    power,
    soc: v.soc,
    mosTemperature: v.mosTemperature,
    temperature1: v.temperature1,
    temperature2: v.temperature2,
    cycleCount: v.cycleCount,
    totalCycleCapacity: v.totalCycleCapacity,
    warnings: v.warnings,
    status: v.status,
    chargeSwitch: v.chargeSwitch,
    dischargeSwitch: v.dischargeSwitch,
    balanceSwitch: v.activeBalanceSwitch,
    protocolVersion: v.protocolVersion,
    softwareVersion: v.softwareVersion,
  };
  const defined = Object.fromEntries(Object.entries(pick).filter(([, value]) => value !== undefined)) as Partial<JkLiveData>;
  return { cellVoltages: cells.map((c) => c.voltage), ...(stats ? { cells: stats } : {}), ...defined };
}
