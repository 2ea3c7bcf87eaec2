/** First byte of every JBD frame. */
export const JBD_START = 0xdd;
/** Last byte of every JBD frame. */
export const JBD_END = 0x77;
/** Second byte of a read request. */
export const JBD_READ = 0xa5;
/** Second byte of a write request. */
export const JBD_WRITE = 0x5a;
/** Bytes a frame adds around its payload: `DD`, two header bytes, length, two checksum bytes, `77`. */
export const JBD_OVERHEAD = 7;

/**
 * Registers and commands of the JBD protocol that are not EEPROM settings
 * (the settings are in `JBD_SETTINGS`).
 */
export const JbdRegister = {
  /** Write `56 78` to enter factory mode; read gives the AFE chip type on some firmware. */
  FactoryEnter: 0x00,
  /** Write `00 00` to leave factory mode, `28 28` to leave it and commit to EEPROM. */
  FactoryExit: 0x01,
  /** Basic information (read). */
  BasicInfo: 0x03,
  /** Cell voltages (read). */
  CellVoltages: 0x04,
  /** Device model string (read). */
  DeviceName: 0x05,
  /** Use password `[06][6 bytes]` (write). */
  UsePassword: 0x06,
  /** Change password `[0C][old 6][new 6]` (write). */
  SetPassword: 0x07,
  /** Clear password `[06]` + ASCII `J1B2D4` (write). */
  ClearPassword: 0x09,
  /** Control commands `AA BB` (docs/protocols/jbd.md#control-commands-0x0a). */
  Control: 0x0a,
  /** Error counters (read). */
  ErrorCounters: 0xaa,
  /** Idle-current calibration: write 0 with no current flowing. */
  IdleCurrentCalibration: 0xad,
  /** Charge-current calibration: write the actual current (10 mA). */
  ChargeCurrentCalibration: 0xae,
  /** Discharge-current calibration: write the actual current (10 mA, positive). */
  DischargeCurrentCalibration: 0xaf,
  /** Cell 1 voltage calibration (mV); cell n is this + n − 1, up to 32 cells. */
  CellCalibrationBase: 0xb0,
  /** NTC 1 calibration (0.1 K); NTC n is this + n − 1, up to 8 NTCs. */
  NtcCalibrationBase: 0xd0,
  /** Remaining capacity (10 mAh, write only). */
  RemainingCapacity: 0xe0,
  /** MOSFET control `00 XX`: bit0 disables charge, bit1 disables discharge. */
  MosfetControl: 0xe1,
  /** Balance test `00 01` odd, `00 02` even, `00 03` close all. */
  BalanceControl: 0xe2,
} as const;

/** Payload of the factory-mode entry write (register 0x00). */
export const FACTORY_ENTER_DATA: readonly number[] = [0x56, 0x78];
/** Payload of the factory-mode exit that discards nothing and commits nothing (register 0x01). */
export const FACTORY_EXIT_DATA: readonly number[] = [0x00, 0x00];
/** Payload of the factory-mode exit that commits to EEPROM and resets the error counters (register 0x01). */
export const FACTORY_SAVE_DATA: readonly number[] = [0x28, 0x28];
/** The fixed clear-password string of stock firmware. */
export const CLEAR_PASSWORD_TEXT = "J1B2D4";

/** Response status bytes (docs/protocols/jbd.md#status-byte). */
export const JbdStatus = {
  /** OK. */
  Ok: 0x00,
  /** Register or command does not exist (V4: generic error). */
  UnknownRegister: 0x80,
  /** Not permitted: not in factory mode, or password mismatch. */
  NotPermitted: 0x81,
  /** Checksum error ("in principle not returned"). */
  ChecksumError: 0x82,
  /** Password pairing error. */
  PasswordError: 0x83,
} as const;
