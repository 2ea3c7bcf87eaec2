import type { DeviceSession } from "@batt/core";
import { JK_PROTOCOLS, type JkCliProtocol } from "./cli-options.js";
import type { JkReading } from "../jk-reading.js";
import type { JkPbReading } from "../pb/jk-pb-bms.js";
import type { JkPbBusReading } from "../pb/jk-pb-bus.js";
import type { JkPbListenReading } from "../pb/jk-pb-listener.js";
import type { JkPbTriggerReading } from "../pb/jk-pb-trigger-bms.js";
import type { JkEb90Reading } from "../eb90/jk-eb90-bms.js";
import type { JkPbTriggerBusReading } from "./session-pb-trigger.js";

/** The details of a `jk` reading: one 4E57 BMS, one JK-PB pack, or several JK-PB packs on a bus (Modbus registers, trigger path or listening). */
export type JkDetails = JkReading | JkPbReading | JkPbBusReading | JkPbTriggerReading | JkPbTriggerBusReading | JkPbListenReading | JkEb90Reading;

/** Which MOSFET a switch command acts on. */
export type JkSwitchName = "charge" | "discharge";

/**
 * What the `jk` commands need from a connection, whichever protocol it speaks. Results are plain
 * JSON-ready data.
 */
export interface JkCliSession extends DeviceSession<JkDetails> {
  /** The protocol of the connection. */
  readonly protocol: JkCliProtocol;
  /** Every setting, by name (for JK-PB with several addresses: by address). */
  readSettings(signal?: AbortSignal): Promise<unknown>;
  /** One setting by name. */
  readSetting(name: string, signal?: AbortSignal): Promise<unknown>;
  /** Writes a setting from command-line text; resolves with the write result (read-back included). */
  writeSetting(name: string, text: string, signal?: AbortSignal): Promise<unknown>;
  /** Turns a MOSFET switch on or off and verifies it. */
  setSwitch(which: JkSwitchName, on: boolean, signal?: AbortSignal): Promise<unknown>;
}

/** Whether a session is one of this package's. */
export function isJkSession(session: DeviceSession<unknown>): session is JkCliSession {
  const protocol = (session as Partial<JkCliSession>).protocol;
  return protocol !== undefined && (JK_PROTOCOLS as readonly string[]).includes(protocol);
}
