import { JbdStatus } from "../constants.js";
import { JBD_LEGACY_PARAMETER_COUNT, JBD_MAX_PARAMETERS_PER_READ } from "../parameters.js";
import type { DeviceReply, JbdDevice } from "./jbd-device.js";

type Ok = (data?: Uint8Array) => DeviceReply;
type Fail = (status: number) => DeviceReply;

/** Parameters from 40 up, by number (the legacy block 0–39 lives in the EEPROM registers 0x10–0x37). */
const extraParameters = new WeakMap<JbdDevice, Map<number, number>>();

function extra(d: JbdDevice): Map<number, number> {
  let map = extraParameters.get(d);
  if (!map) {
    map = new Map([[112, Math.round(d.fullChargeCapacity() * 100)], [122, 3600]]);
    extraParameters.set(d, map);
  }
  return map;
}

function getWord(d: JbdDevice, n: number): number {
  if (n < JBD_LEGACY_PARAMETER_COUNT) {
    const v = d.eeprom.get(n + 0x10);
    return typeof v === "number" ? v : 0;
  }
  return extra(d).get(n) ?? 0;
}

function setWord(d: JbdDevice, n: number, word: number): void {
  if (n < JBD_LEGACY_PARAMETER_COUNT) {
    if (typeof d.eeprom.get(n + 0x10) === "number") d.eeprom.set(n + 0x10, word);
  } else {
    extra(d).set(n, word);
  }
}

function supported(d: JbdDevice): boolean {
  return d.config.parameterProtocol ?? true;
}

/** 0xFA read `<first u16> <count>` → `<first u16> <count> <count × u16>`; malformed requests answer 0x80. */
export function answerParameterRead(d: JbdDevice, data: Uint8Array, ok: Ok, fail: Fail): DeviceReply {
  if (!supported(d)) return fail(JbdStatus.UnknownRegister);
  if (data.length !== 3) return fail(JbdStatus.UnknownRegister);
  const first = (data[0]! << 8) | data[1]!;
  const count = data[2]!;
  if (count < 1 || count > JBD_MAX_PARAMETERS_PER_READ) return fail(JbdStatus.UnknownRegister);
  const out = new Uint8Array(3 + 2 * count);
  out.set(data);
  for (let i = 0; i < count; i++) {
    const w = getWord(d, first + i);
    out[3 + 2 * i] = w >> 8;
    out[4 + 2 * i] = w & 0xff;
  }
  return ok(out);
}

/** 0xFA write `<first u16> <count> <data>`: factory mode only (else 0x81); the values go to the working EEPROM copy. */
export function answerParameterWrite(d: JbdDevice, data: Uint8Array, ok: Ok, fail: Fail): DeviceReply {
  if (!supported(d)) return fail(JbdStatus.UnknownRegister);
  const count = data[2];
  if (data.length < 3 || count === undefined || count < 1 || data.length !== 3 + 2 * count) return fail(JbdStatus.UnknownRegister);
  if (!d.factoryMode) return fail(JbdStatus.NotPermitted);
  const first = (data[0]! << 8) | data[1]!;
  for (let i = 0; i < count; i++) setWord(d, first + i, (data[3 + 2 * i]! << 8) | data[4 + 2 * i]!);
  return ok();
}

/** 0xFB `YY XX`: YY 00 discharge, 01 charge, 03 pre-discharge, 0A both; XX 01 off, 00 release. */
export function answerFetControl(d: JbdDevice, data: Uint8Array, ok: Ok, fail: Fail): DeviceReply {
  if (!supported(d)) return fail(JbdStatus.UnknownRegister);
  const [which, action] = data;
  if (data.length !== 2 || (action !== 0 && action !== 1)) return fail(JbdStatus.UnknownRegister);
  const mask = which === 0x00 ? 2 : which === 0x01 ? 1 : which === 0x0a ? 3 : which === 0x03 ? 0 : undefined;
  if (mask === undefined) return fail(JbdStatus.UnknownRegister);
  d.mosfetMask = action === 1 ? d.mosfetMask | mask : d.mosfetMask & ~mask;
  return ok();
}
