import { decodeBasicInfo, type BasicInfo, type FetStatus } from "./basic-info.js";
import type { JbdClient } from "./client.js";
import { FACTORY_EXIT_DATA, JbdRegister, JbdStatus } from "./constants.js";
import { withFactoryMode, type FactoryModeOptions } from "./factory-mode.js";
import { hasJbdStatus } from "./status.js";

/** Desired MOSFET state; a side left out keeps its current state. */
export interface MosfetRequest {
  /** Charge MOSFET enabled (true) or forced off (false). */
  readonly charge?: boolean;
  /** Discharge MOSFET enabled (true) or forced off (false). */
  readonly discharge?: boolean;
}

/** What {@link setMosfet} did and what the BMS reports afterwards. */
export interface MosfetResult {
  /** The 0xE1 value written: bit0 disables charge, bit1 disables discharge. */
  readonly mask: number;
  /** FET state read back from basic info. */
  readonly fet: FetStatus;
  /** Protection bit 12 (software MOS lock) read back. */
  readonly softwareLock: boolean;
  /** Whether the read-back matches the request (requested-off FETs off; lock clear when nothing is off). */
  readonly confirmed: boolean;
  /** Whether the write had to be wrapped in factory mode (the bare write was refused or did not stick). */
  readonly wrapped: boolean;
  /** Protections other than the software lock that keep a FET off. */
  readonly otherProtections: readonly string[];
}

/** The 0xE1 mask currently in force, inferred from basic info: FETs that are off while the software lock is set. */
export function currentMosfetMask(info: BasicInfo): number {
  if (!info.protection.softwareLock) return 0;
  return (info.fet.charge ? 0 : 1) | (info.fet.discharge ? 0 : 2);
}

function maskFor(request: MosfetRequest, current: number): number {
  let mask = current;
  if (request.charge !== undefined) mask = request.charge ? mask & ~1 : mask | 1;
  if (request.discharge !== undefined) mask = request.discharge ? mask & ~2 : mask | 2;
  return mask & 3;
}

/** The FETs asked off are off, and with nothing asked off the software lock is clear. */
function confirms(info: BasicInfo, mask: number): boolean {
  if (mask === 0 && info.protection.softwareLock) return false;
  if (mask & 1 && info.fet.charge) return false;
  if (mask & 2 && info.fet.discharge) return false;
  return true;
}

/**
 * Switches the MOSFETs the way the official app does: a bare 0xE1 write, the plain factory exit,
 * then a re-read of basic info. If the BMS refused the bare write or the read-back does not show
 * it, the write is repeated wrapped in enter/exit factory mode (bms-tools, jbdtool). The BMS may
 * still refuse or revert (a load on the port, active protections): the result reports what was
 * read back rather than assuming success.
 */
export async function setMosfet(client: JbdClient, request: MosfetRequest, options: FactoryModeOptions = {}): Promise<MosfetResult> {
  const signal = options.signal;
  const readInfo = async (): Promise<BasicInfo> => decodeBasicInfo(await client.read(JbdRegister.BasicInfo, signal));
  const before = await readInfo();
  const mask = maskFor(request, currentMosfetMask(before));
  const data = [0, mask];
  let after: BasicInfo | undefined;
  let wrapped = false;
  try {
    await client.exclusive.run(async () => {
      await client.write(JbdRegister.MosfetControl, data, signal);
      await client.write(JbdRegister.FactoryExit, FACTORY_EXIT_DATA);
    });
    after = await readInfo();
  } catch (error) {
    if (!hasJbdStatus(error, JbdStatus.NotPermitted, JbdStatus.UnknownRegister)) throw error;
  }
  if (!after || !confirms(after, mask)) {
    wrapped = true;
    await withFactoryMode(client, options, async () => {
      await client.write(JbdRegister.MosfetControl, data, signal);
    });
    after = await readInfo();
  }
  return {
    mask,
    fet: after.fet,
    softwareLock: after.protection.softwareLock,
    confirmed: confirms(after, mask),
    wrapped,
    otherProtections: after.protectionActive.filter((p) => p !== "softwareLock"),
  };
}
