import type { Eb90Generation } from "./eb90-generation.js";

/** Where one setting is written with an `AA 55 90 EB` command: its register and value length in each generation (absent: not writable there). */
export interface Eb90WriteRegister {
  /** Register (command byte 4) per generation. */
  readonly registers: Partial<Readonly<Record<Eb90Generation, number>>>;
  /** Value length (command byte 5) per generation (default 4). */
  readonly lengths?: Partial<Readonly<Record<Eb90Generation, number>>>;
}

/**
 * Writable settings by their key in the settings frame, from syssi/esphome-jk-bms
 * components/jk_bms_ble/number/__init__.py and switch/__init__.py (`NUMBERS`, `SWITCHES`: JK04,
 * JK02_24S, JK02_32S registers). The raw value is the setting divided by its settings-frame scale
 * (mV, mA, 0.1 °C, s), little-endian. JK04 takes floats for most settings; only its switch and cell
 * count are written here.
 */
export const EB90_WRITE_REGISTERS = {
  chargeSwitch: { registers: { "jk02-24s": 0x1d, "jk02-32s": 0x1d } },
  dischargeSwitch: { registers: { "jk02-24s": 0x1e, "jk02-32s": 0x1e } },
  balancerSwitch: { registers: { jk04: 0x6c, "jk02-24s": 0x1f, "jk02-32s": 0x1f }, lengths: { jk04: 1 } },
  cellUndervoltageProtection: { registers: { "jk02-24s": 0x02, "jk02-32s": 0x02 } },
  cellUndervoltageRecovery: { registers: { "jk02-24s": 0x03, "jk02-32s": 0x03 } },
  cellOvervoltageProtection: { registers: { "jk02-24s": 0x04, "jk02-32s": 0x04 } },
  cellOvervoltageRecovery: { registers: { "jk02-24s": 0x05, "jk02-32s": 0x05 } },
  balanceTriggerVoltage: { registers: { "jk02-24s": 0x06, "jk02-32s": 0x06 } },
  soc100Voltage: { registers: { "jk02-24s": 0x07, "jk02-32s": 0x07 } },
  soc0Voltage: { registers: { "jk02-24s": 0x08, "jk02-32s": 0x08 } },
  requestChargeVoltage: { registers: { "jk02-24s": 0x09, "jk02-32s": 0x09 } },
  requestFloatVoltage: { registers: { "jk02-24s": 0x0a, "jk02-32s": 0x0a } },
  powerOffVoltage: { registers: { "jk02-24s": 0x0b, "jk02-32s": 0x0b } },
  maxChargeCurrent: { registers: { "jk02-24s": 0x0c, "jk02-32s": 0x0c } },
  chargeOvercurrentDelay: { registers: { "jk02-24s": 0x0d, "jk02-32s": 0x0d } },
  chargeOvercurrentRecovery: { registers: { "jk02-24s": 0x0e, "jk02-32s": 0x0e } },
  maxDischargeCurrent: { registers: { "jk02-24s": 0x0f, "jk02-32s": 0x0f } },
  dischargeOvercurrentDelay: { registers: { "jk02-24s": 0x10, "jk02-32s": 0x10 } },
  dischargeOvercurrentRecovery: { registers: { "jk02-24s": 0x11, "jk02-32s": 0x11 } },
  shortCircuitRecovery: { registers: { "jk02-24s": 0x12, "jk02-32s": 0x12 } },
  maxBalanceCurrent: { registers: { "jk02-24s": 0x13, "jk02-32s": 0x13 } },
  chargeOvertemperature: { registers: { "jk02-24s": 0x14, "jk02-32s": 0x14 } },
  chargeOvertemperatureRecovery: { registers: { "jk02-24s": 0x15, "jk02-32s": 0x15 } },
  dischargeOvertemperature: { registers: { "jk02-24s": 0x16, "jk02-32s": 0x16 } },
  dischargeOvertemperatureRecovery: { registers: { "jk02-24s": 0x17, "jk02-32s": 0x17 } },
  chargeUndertemperature: { registers: { "jk02-24s": 0x18, "jk02-32s": 0x18 } },
  chargeUndertemperatureRecovery: { registers: { "jk02-24s": 0x19, "jk02-32s": 0x19 } },
  mosOvertemperature: { registers: { "jk02-24s": 0x1a, "jk02-32s": 0x1a } },
  mosOvertemperatureRecovery: { registers: { "jk02-24s": 0x1b, "jk02-32s": 0x1b } },
  cellCount: { registers: { jk04: 0x1c, "jk02-24s": 0x1c, "jk02-32s": 0x1c }, lengths: { jk04: 2 } },
  nominalCapacity: { registers: { "jk02-24s": 0x20, "jk02-32s": 0x20 } },
  balanceStartVoltage: { registers: { "jk02-24s": 0x26, "jk02-32s": 0x22 } },
} as const satisfies Readonly<Record<string, Eb90WriteRegister>>;

/** A setting that can be written over `AA 55 90 EB` commands. */
export type Eb90WritableSetting = keyof typeof EB90_WRITE_REGISTERS;
