import { BattError } from "@batt/core";
import { JbdStatus } from "./constants.js";

const STATUS_TEXT: Readonly<Record<number, string>> = {
  [JbdStatus.Ok]: "OK",
  [JbdStatus.UnknownRegister]: "register or command does not exist",
  [JbdStatus.NotPermitted]: "operation not permitted (not in factory mode, or password mismatch)",
  [JbdStatus.ChecksumError]: "checksum error",
  [JbdStatus.PasswordError]: "password pairing error",
};

/** A human description of a response status byte. */
export function jbdStatusText(status: number): string {
  return STATUS_TEXT[status] ?? `unknown status 0x${status.toString(16).padStart(2, "0")}`;
}

/**
 * The `device-exception` error for a non-zero status byte; `context.deviceCode` is the status,
 * `context.register` the register it answers.
 */
export function jbdStatusError(register: number, status: number): BattError {
  const reg = `0x${register.toString(16).padStart(2, "0")}`;
  return new BattError("device-exception", `BMS answered register ${reg} with status 0x${status.toString(16)}: ${jbdStatusText(status)}`, {
    context: { deviceCode: status, register },
  });
}

/** Whether `error` is a device exception with one of the given status bytes. */
export function hasJbdStatus(error: unknown, ...statuses: number[]): boolean {
  if (!(error instanceof BattError) || error.code !== "device-exception") return false;
  const code = error.context.deviceCode;
  return typeof code === "number" && statuses.includes(code);
}
