import type { LinkOptions } from "@batt/core";
import type { BalancePortErrorPolicy } from "../constants.js";
import type { ModelId } from "../models/model.js";

/** The framing on the link: MODBUS-HID reports (USB) or Modbus RTU (the UART header). */
export type IChargerLink = "hid" | "rtu";

/** Options of {@link ICharger}: the shared link options (`retry` applies to reads only) and the charger's own. */
export interface IChargerOptions extends LinkOptions {
  /** Framing (default: `hid` on a `packet` transport, `rtu` on a `stream` one). */
  readonly link?: IChargerLink;
  /** Slave address on serial Modbus RTU, 1..247 (default 1; ignored over USB). */
  readonly address?: number;
  /** The model, when the device ID does not tell (456/458/4512 DUO, X, S, DX). */
  readonly model?: ModelId;
  /** The USB product string, used when the device ID is unknown (default: the transport's `info.product`). */
  readonly productString?: string;
  /** Watts per unit of the power register (default 0.01: 10 mW, unverified; docs/protocols/icharger.md#channel-status-input-0x0100-0x0200). */
  readonly powerScale?: number;
  /** Time between status polls, ms (default 100). */
  readonly pollIntervalMs?: number;
  /** Window after RUN in which the start is checked, ms (default 500). */
  readonly startCheckMs?: number;
  /** Deadline for the run bit to clear after STOP, ms (default 1000). */
  readonly stopTimeoutMs?: number;
  /** STOP attempts on cleanup paths (default 3). */
  readonly stopAttempts?: number;
  /**
   * What a start does on run error 0x1D00 (balance port): `stop` (default) fails it and sends STOP;
   * `ignore` accepts the start when the program runs on (the seed README's unit). See {@link BalancePortErrorPolicy}.
   */
  readonly balancePortError?: BalancePortErrorPolicy;
}
