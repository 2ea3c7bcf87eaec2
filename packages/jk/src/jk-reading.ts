import { toHex } from "@batt/core";
import type { JkCurrentEncoding } from "./current.js";
import { cellStats, type JkCellStats } from "./live-data.js";
import type { JkSnapshot } from "./snapshot.js";
import type { JkValues } from "./values.js";

/** An identifier the table does not know, as JSON-ready data. */
export interface JkUnknownEntry {
  /** Identifier byte. */
  readonly id: number;
  /** Value bytes, hex. */
  readonly raw: string;
  /** Whether the length was inferred from the layout (`false`: given in `extraIdentifiers`). */
  readonly inferredLength: boolean;
}

/**
 * Everything one 4E57 read-all reply carried, JSON-ready: the details of a {@link JkBms} reading
 * and what `batt decode jk` prints for a read-all frame.
 */
export interface JkReading {
  /** The protocol. */
  readonly protocol: "4e57";
  /** Every identifier of the frame the table knows, decoded to SI units, by name (enumerations as code and name). */
  readonly values: JkValues;
  /** Statistics of the cell voltages (absent without cells). */
  readonly cells?: JkCellStats;
  /** Power, W, charging positive (total voltage × current; absent without both). */
  readonly power?: number;
  /** The current encoding the protocol version (0xC0) selected. */
  readonly currentEncoding: JkCurrentEncoding;
  /** Identifier bytes in the order they arrived. */
  readonly order: readonly number[];
  /** Identifiers the table does not know, with their bytes. */
  readonly unknownIdentifiers: readonly JkUnknownEntry[];
}

/** The JSON-ready reading of a decoded read-all reply: nothing the frame carried is left out. */
export function jkReadingOf(snapshot: JkSnapshot): JkReading {
  const v = snapshot.values;
  const stats = cellStats(v.cellVoltages ?? []);
  const power = v.totalVoltage !== undefined && v.current !== undefined ? Math.round(v.totalVoltage * v.current * 100) / 100 : undefined;
  return {
    protocol: "4e57",
    values: v,
    ...(stats ? { cells: stats } : {}),
    ...(power !== undefined ? { power } : {}),
    currentEncoding: snapshot.currentEncoding,
    order: snapshot.order,
    unknownIdentifiers: snapshot.unknown.map((u) => ({ id: u.id, raw: toHex(u.raw), inferredLength: u.inferred })),
  };
}
