import {
  BattError,
  isBattError,
  makeReading,
  resolveLinkOptions,
  systemClock,
  type CallOptions,
  type Clock,
  type Device,
  type DeviceIdentity,
  type DeviceReading,
  type EngineCounters,
  type LinkOptions,
  type RequestEngineOptions,
  type Transport,
} from "@batt/core";
import {
  checkUnit,
  FunctionCode,
  ModbusClient,
  ModbusException,
  type ModbusFrame,
  type ModbusRequest,
  type ReplyUnit,
  type ResponseFor,
  type UnitReply,
} from "@batt/modbus-rtu";
import { LOAD_COIL, VOLTAIC_DEFAULT_ADDRESS, VOLTAIC_DEFAULT_LVP_RANGE, VOLTAIC_LINK_DEFAULTS, VOLTAIC_WILDCARD_ADDRESS, type LvpRange } from "./constants.js";
import { decodeHistory, type VoltaicHistory } from "./history.js";
import { checkLvp, checkLvpRange, type LvpWriteResult } from "./lvp.js";
import { voltaicBattery, voltaicMeasurements } from "./measurements.js";
import type { LoadSwitchResult, RawBlock, VoltaicReading, VoltaicRealtime } from "./reading.js";
import { HISTORY_BLOCKS, LOAD_STATE_BLOCKS, REALTIME_BLOCKS, VOLTAIC_HOLDING_REGISTERS, VOLTAIC_INPUT_REGISTERS, type ReadBlock } from "./registers.js";

/** Options for {@link VoltaicController}: the link options (defaults {@link VOLTAIC_LINK_DEFAULTS}) and the bus address. */
export interface VoltaicControllerOptions extends LinkOptions {
  /** Bus address requests are sent to (default {@link VOLTAIC_DEFAULT_ADDRESS}, 1; 0xFE is the wildcard). */
  readonly address?: number;
  /**
   * Address replies must come from (default: `address`; with `address` 0xFE, `"any"`, since the
   * controller answers the wildcard from its own address).
   */
  readonly replyAddress?: ReplyUnit;
  /** Quiet-period drain after a timeout. */
  readonly drain?: RequestEngineOptions<ModbusFrame>["drain"];
  /** Accepted low-voltage-protection range (default 10.0..13.0 V, a 12 V pack). */
  readonly lvpRange?: LvpRange;
}

/**
 * Driver for a Voltaic Systems (Lumiax-family) solar charge controller on RS-485 Modbus RTU:
 * {@link VoltaicController.read} gives the shared reading (battery summary, PV, load, energy
 * totals in SI units); load switching and the low-voltage protection setting are each checked
 * before they are sent and read back after.
 *
 * @example
 * ```ts
 * const controller = new VoltaicController(port); // 9600 8N1, address 1
 * const reading = await controller.read();
 * await controller.setLoad(false);
 * await controller.setLowVoltageProtection(11.5);
 * ```
 */
export class VoltaicController implements Device<VoltaicReading> {
  /** The Modbus client that owns the transport. */
  readonly client: ModbusClient;
  /** Accepted low-voltage-protection range. */
  readonly lvpRange: LvpRange;
  /** Bus address the requests go to. */
  readonly address: number;
  /** Address replies must come from, or `any`. */
  private readonly replyAddress: ReplyUnit;
  private readonly clock: Clock;
  /** Address of the last reply (the controller's own address when it was asked at 0xFE). */
  private lastReplyAddress: number | undefined;
  /** Set once the controller has refused FC 0x06 (exception 01), so later writes use FC 0x10 at once. */
  private singleWriteRefused = false;

  /** @throws BattError `invalid-argument` for an address outside 1..255. */
  constructor(
    /** An open link to the controller. */
    readonly transport: Transport,
    options: VoltaicControllerOptions = {},
  ) {
    const address = options.address ?? VOLTAIC_DEFAULT_ADDRESS;
    checkUnit(address);
    if (address === 0) throw new BattError("invalid-argument", "address 0 is the RTU broadcast address and gets no reply");
    this.address = address;
    this.replyAddress = options.replyAddress ?? (address === VOLTAIC_WILDCARD_ADDRESS ? "any" : address);
    if (this.replyAddress !== "any") checkUnit(this.replyAddress);
    this.lvpRange = checkLvpRange(options.lvpRange ?? VOLTAIC_DEFAULT_LVP_RANGE);
    this.clock = options.clock ?? systemClock;
    this.client = new ModbusClient(transport, {
      ...resolveLinkOptions(options, VOLTAIC_LINK_DEFAULTS),
    });
  }

  /** Running totals of the request engine (requests, timeouts, CRC errors, skipped bytes…). */
  get counters(): Readonly<EngineCounters> {
    return this.client.counters;
  }

  /** Every real-time register (two block reads, see {@link REALTIME_BLOCKS}), decoded, with the raw blocks. */
  async readRealtime(options: CallOptions = {}): Promise<{ values: VoltaicRealtime; raw: RawBlock[] }> {
    const raw = await this.readBlocks(REALTIME_BLOCKS, options);
    return { values: VOLTAIC_INPUT_REGISTERS.decodeBlocks(raw), raw };
  }

  /**
   * One reading in the shared model: the battery summary, the PV, load, energy and temperature
   * measurements in SI units, and the controller's details ({@link VoltaicController.readAll}).
   */
  async read(options: CallOptions = {}): Promise<DeviceReading<VoltaicReading>> {
    const reading = await this.readAll(options);
    return makeReading(this.clock, { device: this.identity(reading.address), batteries: [voltaicBattery(reading)], measurements: voltaicMeasurements(reading), reading });
  }

  /** Every real-time register, the load state and the low-voltage protection (three requests). */
  async readAll(options: CallOptions = {}): Promise<VoltaicReading> {
    const { values, raw } = await this.readRealtime(options);
    const address = this.lastReplyAddress ?? this.address;
    const lowVoltageProtection = await this.readLowVoltageProtection(options);
    return { address, values, loadOn: values.loadStatus.names.includes("loadOn"), lowVoltageProtection, raw };
  }

  /**
   * The controller's history (two requests, {@link HISTORY_BLOCKS}): today's and the total PV and
   * load energy (the totals as full 32-bit counters), and today's highest and lowest battery
   * voltage, which only one public source describes (docs/protocols/voltaic.md#battery-statistics).
   */
  async readHistory(options: CallOptions = {}): Promise<VoltaicHistory> {
    return decodeHistory(await this.readBlocks(HISTORY_BLOCKS, options));
  }

  /**
   * Who the controller is. It reports no model, serial or firmware over Modbus (none is documented,
   * docs/protocols/voltaic.md#lumiax-family-registers), so this is what the driver knows and the address it answers from; asked at the
   * 0xFE wildcard, that address is learnt with one request, then kept.
   */
  async identify(options: CallOptions = {}): Promise<DeviceIdentity> {
    if (this.lastReplyAddress === undefined && this.replyAddress === "any") this.lastReplyAddress = await this.discover(options);
    return this.identity(this.lastReplyAddress ?? this.address);
  }

  /** Whether the load output is on (input 0x3035 bit 0). */
  async readLoad(options: CallOptions = {}): Promise<boolean> {
    return (await this.readLoadState(options)).on;
  }

  /**
   * Switches the load output (coil 0, FC 0x05) and reads the state back from 0x3035 and the load voltage.
   *
   * @throws BattError `verify-failed` when the state read back differs (for example while the
   *   low-voltage disconnect holds the load off); `timeout`, `device-exception`, … from the link.
   */
  async setLoad(on: boolean, options: CallOptions = {}): Promise<LoadSwitchResult> {
    if (typeof on !== "boolean") throw new BattError("invalid-argument", `load state must be true or false, got ${String(on)}`);
    await this.request({ kind: "write-single-coil", address: LOAD_COIL, value: on }, options);
    const state = await this.readLoadState(options);
    if (state.on !== on) {
      throw new BattError("verify-failed", `load output reads ${state.on ? "on" : "off"} after switching it ${on ? "on" : "off"}${on ? " (low-voltage disconnect active?)" : ""}`, {
        context: { requested: on, readBack: state.on, loadVoltage: state.loadVoltage },
      });
    }
    return { requested: on, ...state };
  }

  /** The low-voltage protection threshold (holding 0x9022, FC 0x03), V. */
  async readLowVoltageProtection(options: CallOptions = {}): Promise<number> {
    const field = VOLTAIC_HOLDING_REGISTERS.fields.lowVoltageProtection;
    const { response } = await this.request({ kind: "read-holding-registers", address: field.address, count: 1 }, options);
    return VOLTAIC_HOLDING_REGISTERS.decodeField("lowVoltageProtection", field.address, response.values);
  }

  /**
   * Sets the low-voltage protection threshold: validated against {@link VoltaicController.lvpRange}
   * before anything is sent, skipped when already set (the setting lives in non-volatile memory),
   * written with FC 0x06 — or FC 0x10 when the controller answers 0x06 with exception 01 — and read back.
   *
   * @throws BattError `invalid-argument` (nothing sent), `verify-failed` when the read-back differs,
   *   `device-exception`, `timeout`, … from the link.
   */
  async setLowVoltageProtection(volts: number, options: CallOptions = {}): Promise<LvpWriteResult> {
    checkLvp(volts, this.lvpRange);
    const write = VOLTAIC_HOLDING_REGISTERS.encode("lowVoltageProtection", volts);
    const previous = await this.readLowVoltageProtection(options);
    const wanted = VOLTAIC_HOLDING_REGISTERS.decodeField("lowVoltageProtection", write.address, write.registers);
    if (previous === wanted) return { previous, value: previous, written: false };
    const functionCode = await this.writeRegister(write.address, write.registers[0]!, options);
    const value = await this.readLowVoltageProtection(options);
    if (value !== wanted) {
      throw new BattError("verify-failed", `low-voltage protection reads ${value} V after writing ${wanted} V`, { context: { written: wanted, readBack: value, functionCode } });
    }
    return { previous, value, written: true, functionCode };
  }

  /**
   * Finds the address of the controller on a one-device bus: reads the real-time block at the
   * wildcard address 0xFE, as the vendor's BLE tool does, and returns the address the reply came from.
   */
  async discover(options: CallOptions = {}): Promise<number> {
    const [block] = REALTIME_BLOCKS;
    const request = { kind: "read-input-registers", address: block!.address, count: block!.count } as const;
    return (await this.client.exchange(VOLTAIC_WILDCARD_ADDRESS, request, { replyUnit: "any", ...(options.signal ? { signal: options.signal } : {}) })).unit;
  }

  /** Detaches from the transport (which stays open). */
  dispose(): void {
    this.client.dispose();
  }

  private identity(address: number): DeviceIdentity {
    return { driver: "voltaic", category: "solar-controller", manufacturer: "Voltaic Systems", address };
  }

  private async readLoadState(options: CallOptions): Promise<{ on: boolean; loadVoltage: number }> {
    const blocks = await this.readBlocks(LOAD_STATE_BLOCKS, options);
    const values = VOLTAIC_INPUT_REGISTERS.decodePartialBlocks(blocks);
    return { on: values.loadStatus?.names.includes("loadOn") ?? false, loadVoltage: values.loadVoltage ?? 0 };
  }

  private async readBlocks(blocks: readonly ReadBlock[], options: CallOptions): Promise<RawBlock[]> {
    const raw: RawBlock[] = [];
    for (const block of blocks) {
      const { response } = await this.request({ kind: "read-input-registers", address: block.address, count: block.count }, options);
      raw.push({ address: block.address, registers: [...response.values] });
    }
    return raw;
  }

  /** One request to {@link VoltaicController.address}, its reply taken from the reply address, which is noted. */
  private async request<R extends ModbusRequest>(request: R, options: CallOptions): Promise<UnitReply<ResponseFor<R["kind"]>>> {
    const reply = await this.client.exchange(this.address, request, { replyUnit: this.replyAddress, ...(options.signal ? { signal: options.signal } : {}) });
    this.lastReplyAddress = reply.unit;
    return reply;
  }

  private async writeRegister(address: number, value: number, options: CallOptions): Promise<0x06 | 0x10> {
    if (!this.singleWriteRefused) {
      try {
        await this.request({ kind: "write-single-register", address, value }, options);
        return FunctionCode.WriteSingleRegister;
      } catch (error) {
        if (!(isBattError(error, "device-exception") && error.context.deviceCode === ModbusException.IllegalFunction)) throw error;
        this.singleWriteRefused = true;
      }
    }
    await this.request({ kind: "write-multiple-registers", address, values: [value] }, options);
    return FunctionCode.WriteMultipleRegisters;
  }
}
