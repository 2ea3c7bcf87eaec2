/** Base addresses of the register areas (docs/protocols/icharger.md#address-map). Function 0x04 below 0x8000, 0x03/0x10 from 0x8000. */
export const RegisterArea = {
  /** Device information, input registers. */
  deviceInfo: 0x0000,
  /** Channel 1 status, input registers (channel 2 at 0x0200). */
  channelStatus: 0x0100,
  /** Control registers, holding. */
  control: 0x8000,
  /** SYSTEM settings (RAM mirror of flash), holding. */
  system: 0x8400,
  /** MEM_HEAD: the preset index, holding. */
  memHead: 0x8800,
  /** MEMORY: the preset selected in {@link ControlRegister.memorySlot}, holding. */
  memory: 0x8c00,
} as const;

/** Address of channel `channel`'s status block (channel 0 → 0x0100, channel 1 → 0x0200). */
export function channelStatusAddress(channel: number): number {
  return RegisterArea.channelStatus + 0x100 * channel;
}

/** Control registers (docs/protocols/icharger.md#control-registers-holding-0x8000). */
export const ControlRegister = {
  /** REG_SEL_OP: the operation for RUN (chemistry dependent, see `operationCode`). */
  operation: 0x8000,
  /** REG_SEL_MEM: preset slot number 0..63 (not list position). */
  memorySlot: 0x8001,
  /** REG_SEL_CHANNEL: 0 or 1. */
  channel: 0x8002,
  /** REG_ORDER_KEY: {@link ORDER_KEY} unlocks; any other value locks. */
  orderKey: 0x8003,
  /** REG_ORDER: one of {@link Order}. */
  order: 0x8004,
  /** Current limit for ORDER_MODIFY (unit undocumented). */
  limitCurrent: 0x8005,
  /** Voltage limit for ORDER_MODIFY (unit undocumented). */
  limitVoltage: 0x8006,
} as const;

/** The value that unlocks the order register (and, unrelated, MEMORY.UseFlag "used"). */
export const ORDER_KEY = 0x55aa;

/** Orders written to {@link ControlRegister.order} after the key (docs/protocols/icharger.md#control-registers-holding-0x8000). */
export const Order = {
  /** Stop the selected channel. */
  Stop: 0,
  /** Run the selected channel, memory and operation. */
  Run: 1,
  /** Change current/voltage limits while running (unverified). */
  Modify: 2,
  /** Save the SYSTEM RAM mirror to flash. */
  WriteSys: 3,
  /** Save MEM_HEAD to flash. */
  WriteMemHead: 4,
  /** Save the selected MEMORY to flash. */
  WriteMem: 5,
  /** Start the LogView stream on USB. */
  TransLogOn: 6,
  /** Stop the LogView stream. */
  TransLogOff: 7,
  /** Answer the open dialog box with yes. */
  MsgBoxYes: 8,
  /** Answer the open dialog box with no. */
  MsgBoxNo: 9,
} as const;

/** One of the {@link Order} values. */
export type Order = (typeof Order)[keyof typeof Order];

/**
 * Registers per transaction (docs/protocols/icharger.md#hid-report-frame): a 64-byte report holds at most 30 registers of a read
 * reply and 28 of a write request. Applied on serial too, where the limit is undocumented.
 */
export const ICHARGER_LIMITS = {
  /** Registers per read (function 0x03/0x04). */
  readRegisters: 30,
  /** Registers per write (function 0x10). */
  writeRegisters: 28,
} as const;

/** Channel index as the control registers count it: 0 is the first channel. */
export type ChannelIndex = 0 | 1;

/**
 * Run error 0x1D00: high byte 29, "balance port" (docs/protocols/icharger.md#status-and-error-codes), usually no balance lead.
 * The seed README calls it harmless on its unit; the driver stops unless told otherwise ({@link BalancePortErrorPolicy}).
 */
export const BALANCE_PORT_ERROR = 0x1d00;

/**
 * What a start does when the charger reports {@link BALANCE_PORT_ERROR}: `stop` (default, safe: a lithium pack
 * without a working balance lead must not charge) fails the start and sends STOP; `ignore` goes on and
 * accepts the start when the run bit is set at the end of the start check.
 */
export type BalancePortErrorPolicy = "stop" | "ignore";
