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
  type Transport,
} from "@batt/core";
import { ModbusClient, type FieldInput, type RegisterBlock } from "@batt/modbus-rtu";
import type { ChargerSettings, ChargerStatus, CommandResult, EvChargerReading, SettingWriteResult } from "./charger-reading.js";
import { CONTROL_COMMAND_VALUE, EXPECTED_STATES } from "./control.js";
import {
  EVCHARGER_DEFAULT_ADDRESS,
  EVCHARGER_EEPROM_MIN_INTERVAL_MS,
  EVCHARGER_LINK_DEFAULTS,
  G1_INPUT_COUNT,
  G2_INPUT_COUNT,
} from "./constants.js";
import { EepromGuard } from "./eeprom-guard.js";
import type { ControlCommandName, DeviceModeName, EvseModeName } from "./enums.js";
import { detectGeneration, type Generation } from "./generation.js";
import { evChargerIdentity } from "./identity.js";
import { evChargerMeasurements } from "./measurements.js";
import { G2_ONLY_HOLDING, HOLDING_BLOCKS, HOLDING_WRITE_POLICY, holdingRegisterMap, type HoldingBlock, type HoldingName, type HoldingRegisterMap } from "./holding-registers.js";
import { inputRegisterMap, type InputRegisterMap } from "./input-registers.js";
import { IMPLAUSIBLE_ENERGY, wordOrderWarning } from "./plausibility.js";
import { decodeSettingsBlocks, decodeStatusRegisters, unlessRefused } from "./register-decoding.js";
import type { FirmwareImage } from "./upgrade/firmware-image.js";
import { runUpgrade, type UpgradeOptions, type UpgradeResult } from "./upgrade/upgrade-procedure.js";
import { upgradeRegisterMap } from "./upgrade/upgrade-registers.js";
import { wordOrdersFor, type WordOrders } from "./word-order.js";
import type { ChargerClock, EvChargerOptions } from "./ev-charger-options.js";
import { pick, ratingOf, sameWords } from "./register-words.js";
import { READ_PLANS, uncovered, type ReadPlan, type RegisterSpan } from "./read-plan.js";

/**
 * Driver for a SolaX-type AC EV charger (X1/X3-EVC, X1/X3-HAC and rebrands) on Modbus RTU:
 * live values and settings from register maps, start/stop/reserve, charging current and mode,
 * settings writes that spare the EEPROM (skipped when unchanged, rate-limited), and firmware
 * upgrade through the upgrade register block. 32-bit values are decoded in the word order of the
 * charger's generation (docs/protocols/evcharger.md#32-bit-word-order), overridable per register.
 *
 * @example
 * ```ts
 * const charger = new EvCharger(port); // 9600 8N1, address 70, 1 s between requests
 * const { measurements, reading } = await charger.read(); // reading.status: every input register
 * await charger.setChargeCurrent(10);
 * await charger.startCharging();
 * ```
 */
export class EvCharger implements Device<EvChargerReading> {
  /** The Modbus client that owns the transport. */
  readonly client: ModbusClient;
  /** The charger's bus address. */
  readonly address: number;
  /** The rate limit for EEPROM-backed registers. */
  readonly eeprom: EepromGuard;
  private readonly clock: Clock;
  private readonly options: EvChargerOptions;
  private detected: Generation | undefined;
  private ratedCurrent: number | undefined;
  private identified: DeviceIdentity | undefined;
  private settingsCache: CachedSettings | undefined;
  /** The charger refused a whole slow span once: read its fallback blocks from then on. */
  private splitSlow = false;

  constructor(
    /** An open link to the charger. */
    readonly transport: Transport,
    options: EvChargerOptions = {},
  ) {
    this.options = options;
    this.address = options.address ?? EVCHARGER_DEFAULT_ADDRESS;
    this.clock = options.clock ?? systemClock;
    this.client = new ModbusClient(transport, {
      ...resolveLinkOptions(options, EVCHARGER_LINK_DEFAULTS),
    });
    this.eeprom = new EepromGuard(options.eepromMinIntervalMs ?? EVCHARGER_EEPROM_MIN_INTERVAL_MS, this.clock);
    if (options.generation && options.generation !== "auto") this.detected = options.generation;
  }

  /** Running totals of the request engine. */
  get counters(): Readonly<EngineCounters> {
    return this.client.counters;
  }

  /**
   * The generation in use: the one given, or detected once from the serial number (0x0600) and
   * firmware version (0x0025). A charger that refuses those reads is taken as first generation.
   */
  async generation(options: CallOptions = {}): Promise<Generation> {
    if (this.detected) return this.detected;
    const g1 = holdingRegisterMap("g1", wordOrdersFor("g1"));
    const serialField = g1.fields.serialNumber;
    let serial: string | undefined;
    let firmware: number | undefined;
    try {
      serial = g1.decodeField("serialNumber", serialField.address, await this.client.readHoldingRegisters(this.address, serialField.address, serialField.length, options));
      const input = inputRegisterMap("g1", wordOrdersFor("g1"));
      const fw = input.fields.firmwareVersion.address;
      firmware = input.decodeField("firmwareVersion", fw, await this.client.readInputRegisters(this.address, fw, 1, options));
    } catch (error) {
      if (!isBattError(error, "device-exception")) throw error;
    }
    this.detected = detectGeneration(serial, firmware);
    return this.detected;
  }

  /** The word orders in use for a generation. */
  wordOrders(generation: Generation): WordOrders {
    return wordOrdersFor(generation, this.options.wordOrders);
  }

  /** The input register map for a generation, with the word orders in use. */
  inputMap(generation: Generation): InputRegisterMap {
    return inputRegisterMap(generation, this.wordOrders(generation));
  }

  /** The holding register map for a generation, with the word orders in use. */
  holdingMap(generation: Generation): HoldingRegisterMap {
    return holdingRegisterMap(generation, this.wordOrders(generation));
  }

  /** Every input register (one read of 0x0000 × 45, or × 49 on the second generation), decoded. */
  async readStatus(options: CallOptions = {}): Promise<ChargerStatus> {
    return (await this.readStatusWithWarnings(options)).status;
  }

  /** The holding registers, read in {@link HOLDING_BLOCKS}; blocks the charger refuses (exception 02) are left out. */
  async readSettings(options: CallOptions = {}): Promise<{ settings: ChargerSettings; unavailable: string[]; warnings: string[] }> {
    const generation = await this.generation(options);
    const map = this.holdingMap(generation);
    const read: RegisterBlock[] = [];
    const warnings: string[] = [];
    for (const block of HOLDING_BLOCKS) {
      const registers = await this.readHoldingBlock(block, options);
      if (!registers) continue;
      read.push({ address: block.address, registers });
      const energy = map.fields.totalEnergy;
      const offset = energy.address - block.address;
      if (offset >= 0 && offset + 2 <= registers.length) {
        const warning = wordOrderWarning("holding totalEnergy (0x0619)", energy, registers.slice(offset, offset + 2), IMPLAUSIBLE_ENERGY);
        if (warning) warnings.push(warning);
      }
    }
    const settings: ChargerSettings = map.decodePartialBlocks(read);
    const unavailable = map.names.filter((name) => !(name in settings));
    return { settings, unavailable, warnings };
  }

  /**
   * One reading in the shared model: per-phase and total values, energy (Wh), state, temperature
   * and settings as measurements (an EV charger has no battery summary), and the charger's
   * details ({@link EvCharger.readAll}).
   */
  async read(options: CallOptions = {}): Promise<DeviceReading<EvChargerReading>> {
    const reading = await this.readAll(options);
    this.identified = evChargerIdentity({
      address: reading.address,
      generation: reading.generation,
      serialNumber: reading.settings.serialNumber,
      firmwareVersion: reading.status.firmwareVersion,
      powerClass: reading.status.typePower.name,
      phases: reading.status.typePhase.name,
    });
    return makeReading(this.clock, { device: this.identified, measurements: evChargerMeasurements(reading), reading });
  }

  /**
   * Every input register, the holding registers, and doubts about the decoding, in the fewest
   * requests the map allows ({@link READ_PLANS}: one input and one holding read once the generation
   * is known; the settings only when due, see {@link EvChargerOptions.slowRefreshMs}). The first reading
   * of an undetected charger reads the spans both generations share and detects the generation
   * from the serial number and firmware version in them.
   */
  async readAll(options: CallOptions = {}): Promise<EvChargerReading> {
    const read: SpanRead[] = [];
    const now = this.clock.now();
    const refresh = this.options.slowRefreshMs ?? 0;
    const cached = this.settingsCache;
    const slowDue = cached === undefined || refresh <= 0 || now - cached.time >= refresh;
    let generation = this.detected;
    let slowRead = false;
    if (!generation) {
      await this.readSlow(READ_PLANS.g1, read, options);
      slowRead = true;
      const g1Holding = this.holdingMap("g1");
      const g1Input = this.inputMap("g1");
      const words = pick(read, "holding", g1Holding.fields.serialNumber.address, g1Holding.fields.serialNumber.length);
      const serial = words && g1Holding.decodeField("serialNumber", g1Holding.fields.serialNumber.address, words);
      // A HAC serial alone says G2: its longer input block is then read at once; otherwise the firmware decides.
      if (detectGeneration(serial, undefined) !== "g2") read.push(await this.readSpan(READ_PLANS.g1.live[0]!, options));
      const firmware = pick(read, "input", g1Input.fields.firmwareVersion.address, 1);
      generation = detectGeneration(serial, firmware && g1Input.decodeField("firmwareVersion", g1Input.fields.firmwareVersion.address, firmware));
      this.detected = generation;
    }
    const plan = READ_PLANS[generation];
    for (const span of plan.live) for (const part of uncovered(span, read)) read.push(await this.readSpan(part, options));
    // The second generation's plan extends the shared spans: only what they lack is read.
    if (slowDue && (!slowRead || generation !== "g1")) await this.readSlow(plan, read, options);
    const count = plan.live[0]!.count;
    const registers = pick(read, "input", 0, count);
    if (!registers) throw new BattError("unexpected-reply", `the input block 0x0000 × ${count} was not read`);
    const { status, warnings } = this.decodeStatus(generation, registers);
    let settings = cached;
    if (slowDue) {
      settings = { time: now, ...this.decodeSettings(generation, read.filter((r) => r.table === "holding")) };
      this.settingsCache = settings;
    }
    const held = settings!;
    return {
      address: this.address,
      generation,
      status,
      settings: held.settings,
      unavailable: held.unavailable,
      warnings: [...warnings, ...held.warnings],
      settingsAge: (now - held.time) / 1000,
    };
  }

  /**
   * Who the charger is: model (from its phases, generation and power class), serial number and
   * firmware version, read once (the serial number, and input 0x0021–0x0025) and then kept; a
   * {@link EvCharger.read} refreshes it.
   */
  async identify(options: CallOptions = {}): Promise<DeviceIdentity> {
    if (this.identified) return this.identified;
    const generation = await this.generation(options);
    const input = this.inputMap(generation);
    const first = input.fields.typePower.address;
    const types = input.decodePartial(first, await this.client.readInputRegisters(this.address, first, input.fields.firmwareVersion.address - first + 1, options));
    let serialNumber: string | undefined;
    try {
      const field = this.holdingMap(generation).fields.serialNumber;
      serialNumber = this.holdingMap(generation).decodeField("serialNumber", field.address, await this.client.readHoldingRegisters(this.address, field.address, field.length, options));
    } catch (error) {
      if (!isBattError(error, "device-exception")) throw error;
    }
    this.identified = evChargerIdentity({
      address: this.address,
      generation,
      serialNumber,
      firmwareVersion: types.firmwareVersion,
      powerClass: types.typePower?.name,
      phases: types.typePhase?.name,
    });
    return this.identified;
  }

  /**
   * Sends a control command (holding 0x0627) and reads the state once to see whether the charger
   * followed. The register is cleared when received, so the state is the only evidence.
   */
  async sendCommand(command: ControlCommandName, options: CallOptions = {}): Promise<CommandResult> {
    const value = CONTROL_COMMAND_VALUE[command];
    if (value === undefined) throw new BattError("invalid-argument", `unknown command ${String(command)}`);
    const generation = await this.generation(options);
    const holding = this.holdingMap(generation);
    await this.client.writeSingleRegister(this.address, holding.fields.controlCommand.address, value, options);
    const input = this.inputMap(generation);
    const address = input.fields.state.address;
    const state = input.decodeField("state", address, await this.client.readInputRegisters(this.address, address, 1, options));
    return { command, state: state.name ?? state.value, confirmed: state.name !== undefined && EXPECTED_STATES[command].includes(state.name) };
  }

  /** Starts charging (0x0627 = 4); works without leaving Stop mode on firmware ≥ 1.12. */
  startCharging(options: CallOptions = {}): Promise<CommandResult> {
    return this.sendCommand("startCharging", options);
  }

  /** Stops charging (0x0627 = 3). */
  stopCharging(options: CallOptions = {}): Promise<CommandResult> {
    return this.sendCommand("stopCharging", options);
  }

  /** Reserves the charger (0x0627 = 5). */
  reserve(options: CallOptions = {}): Promise<CommandResult> {
    return this.sendCommand("reserve", options);
  }

  /** Cancels a reservation (0x0627 = 6). */
  cancelReservation(options: CallOptions = {}): Promise<CommandResult> {
    return this.sendCommand("cancelReservation", options);
  }

  /**
   * Sets the charging current: holding 0x0628 on the first generation, 0x0668 on the second (the
   * limit a G2 honours in Datahub/OCPP mode, where 0x0628 is ignored; EEPROM-backed, so rate-limited);
   * 6–32 A and at most the rating of the charger's power class (16 A on 11 kW three-phase units),
   * checked before sending; skipped when already set; read back.
   *
   * @throws BattError `invalid-argument` (nothing sent), `verify-failed`, or errors of the link.
   */
  async setChargeCurrent(amps: number, options: CallOptions = {}): Promise<SettingWriteResult> {
    const generation = await this.generation(options);
    const name = generation === "g2" ? "g2MaxCurrent" : "maxCurrent";
    this.holdingMap(generation).encode(name, amps); // range check before any further request
    const rated = await this.rating(generation, options);
    if (amps > rated) throw new BattError("invalid-argument", `${amps} A exceeds the charger's rating of ${rated} A`, { context: { ratedCurrent: rated } });
    return this.writeSetting(name, amps, options);
  }

  /**
   * Switches between one and three phases: the G2 phase switch (holding 0xA105, 1 single / 2 three,
   * firmware ≥ 9.05, as evcc's solax-g2 template), or on G1 the charge-phase register 0x0625
   * (three-phase, or L1 alone). Both are EEPROM-backed: skipped when unchanged, rate-limited, read back.
   */
  async setPhases(phases: 1 | 3, options: CallOptions = {}): Promise<SettingWriteResult> {
    if (phases !== 1 && phases !== 3) throw new BattError("invalid-argument", `phases must be 1 or 3, got ${String(phases)}`);
    const generation = await this.generation(options);
    if (generation === "g2") return this.writeSetting("phaseSwitch", phases === 1 ? "single" : "three", options);
    return this.writeSetting("chargePhase", phases === 1 ? "l1" : "threePhase", options);
  }

  /** Sets the second generation's EVSE mode (holding 0x0669: fast, eco, green; EEPROM-backed). */
  setEvseMode(mode: EvseModeName, options: CallOptions = {}): Promise<SettingWriteResult> {
    return this.writeSetting("evseMode", mode, options);
  }

  /** Sets the charge mode (holding 0x060D, EEPROM-backed: skipped when unchanged, rate-limited). */
  setMode(mode: DeviceModeName, options: CallOptions = {}): Promise<SettingWriteResult> {
    return this.writeSetting("deviceMode", mode, options);
  }

  /**
   * Writes one holding register by name, as docs/protocols/evcharger.md#eeprom-wear-protection asks: the value is checked
   * against the map first; commands are sent as they are; other registers are read first and
   * the write is skipped when unchanged; EEPROM-backed registers may change at most once per
   * {@link EvChargerOptions.eepromMinIntervalMs}; the value is read back and compared.
   *
   * @throws BattError `invalid-argument` for a refused value or a change that comes too soon
   *   (nothing sent), `verify-failed` when the read-back differs, errors of the link.
   */
  async writeSetting<K extends HoldingName>(name: K, value: FieldInput<HoldingRegisterMap["fields"][K]>, options: CallOptions = {}): Promise<SettingWriteResult> {
    const generation = await this.generation(options);
    if (generation === "g1" && G2_ONLY_HOLDING.includes(name)) throw new BattError("unsupported", `${name} exists on second-generation chargers only`);
    const map = this.holdingMap(generation);
    const write = map.encode(name, value);
    const policy = HOLDING_WRITE_POLICY[name];
    if (policy === "command") {
      await this.writeRegisters(write.address, write.registers, options);
      return { name, written: true };
    }
    const before = await this.client.readHoldingRegisters(this.address, write.address, write.registers.length, options);
    const previous = map.decodeField(name, write.address, before);
    if (sameWords(before, write.registers)) return { name, previous, value: previous, written: false };
    if (policy === "eeprom") this.eeprom.check(name);
    await this.writeRegisters(write.address, write.registers, options);
    if (policy === "eeprom") this.eeprom.record(name);
    // The charger answers at its new address from the next request on: read it back there with a new driver.
    if (name === "slaveAddress") return { name, previous, written: true };
    const after = await this.client.readHoldingRegisters(this.address, write.address, write.registers.length, options);
    const readBack = map.decodeField(name, write.address, after);
    if (!sameWords(after, write.registers)) {
      throw new BattError("verify-failed", `${name} reads ${JSON.stringify(readBack)} after writing ${JSON.stringify(value)}`, { context: { register: name, written: write.registers, readBack: after } });
    }
    return { name, previous, value: readBack, written: true };
  }

  /** Sets the charger's clock (0x061E–0x0623, one FC 0x10 write; the registers are volatile). */
  async setClock(time: ChargerClock, options: CallOptions = {}): Promise<void> {
    if (!(Number.isInteger(time.year) && time.year >= 2000 && time.year <= 2099)) throw new BattError("invalid-argument", `year ${time.year} is outside 2000..2099`);
    const map = this.holdingMap(await this.generation(options));
    const block = { address: map.fields.rtcSeconds.address, count: 6 };
    const write = map.encodeBlock(block, {
      rtcSeconds: time.seconds,
      rtcMinutes: time.minutes,
      rtcHours: time.hours,
      rtcDay: time.day,
      rtcMonth: time.month,
      rtcYear: time.year % 100,
    });
    await this.writeRegisters(write.address, write.registers, options);
  }

  /**
   * Uploads firmware through the upgrade register block (see {@link runUpgrade}): the image is
   * verified before anything is sent; progress goes to `onProgress`; `signal` cancels between packets.
   *
   * @throws UpgradeError with the step, package number and IapState where it stopped.
   */
  async upgradeFirmware(image: FirmwareImage, options: UpgradeOptions = {}): Promise<UpgradeResult> {
    const generation = this.detected ?? "g1"; // the upgrade block's word order is the same on both
    return runUpgrade({ client: this.client, unit: this.address, clock: this.clock, map: upgradeRegisterMap(this.wordOrders(generation).upgrade) }, image, options);
  }

  /** Detaches from the transport (which stays open). */
  dispose(): void {
    this.client.dispose();
  }

  private async readStatusWithWarnings(options: CallOptions): Promise<{ status: ChargerStatus; warnings: string[] }> {
    const generation = await this.generation(options);
    const count = generation === "g2" ? G2_INPUT_COUNT : G1_INPUT_COUNT;
    return this.decodeStatus(generation, await this.client.readInputRegisters(this.address, 0, count, options));
  }

  private decodeStatus(generation: Generation, registers: readonly number[]): { status: ChargerStatus; warnings: string[] } {
    const decoded = decodeStatusRegisters(this.inputMap(generation), registers);
    this.ratedCurrent ??= ratingOf(decoded.status.typePower.name);
    return decoded;
  }

  private decodeSettings(generation: Generation, blocks: readonly RegisterBlock[]): { settings: ChargerSettings; unavailable: string[]; warnings: string[] } {
    return decodeSettingsBlocks(this.holdingMap(generation), generation, blocks);
  }

  /** Reads what the slow spans of a plan add to `read`, or their fallback blocks where the charger refuses a span (remembered). */
  private async readSlow(plan: ReadPlan, read: SpanRead[], options: CallOptions): Promise<void> {
    for (const span of plan.slow) {
      for (const part of uncovered(span, read)) {
        if (!this.splitSlow) {
          const whole = await this.readSpanOrRefused(part, options);
          if (whole) {
            read.push(whole);
            continue;
          }
          this.splitSlow = true;
        }
        for (const block of plan.fallback.filter((b) => b.address >= part.address && b.address < part.address + part.count)) {
          for (const piece of uncovered(block, read)) {
            const got = await this.readSpanOrRefused(piece, options);
            if (got) read.push(got);
          }
        }
      }
    }
  }

  private async readSpan(span: RegisterSpan, options: CallOptions): Promise<SpanRead> {
    const registers =
      span.table === "input"
        ? await this.client.readInputRegisters(this.address, span.address, span.count, options)
        : await this.client.readHoldingRegisters(this.address, span.address, span.count, options);
    return { ...span, registers };
  }

  private readSpanOrRefused(span: RegisterSpan, options: CallOptions): Promise<SpanRead | undefined> {
    return unlessRefused(this.readSpan(span, options));
  }

  private async rating(generation: Generation, options: CallOptions): Promise<number> {
    if (this.ratedCurrent !== undefined) return this.ratedCurrent;
    const map = this.inputMap(generation);
    const address = map.fields.typePower.address;
    this.ratedCurrent = ratingOf(map.decodeField("typePower", address, await this.client.readInputRegisters(this.address, address, 1, options)).name);
    return this.ratedCurrent;
  }

  private readHoldingBlock(block: HoldingBlock, options: CallOptions): Promise<number[] | undefined> {
    return unlessRefused(this.client.readHoldingRegisters(this.address, block.address, block.count, options));
  }

  private async writeRegisters(address: number, registers: readonly number[], options: CallOptions): Promise<void> {
    this.settingsCache = undefined;
    if (registers.length === 1) await this.client.writeSingleRegister(this.address, address, registers[0]!, options);
    else await this.client.writeMultipleRegisters(this.address, address, registers, options);
  }
}

/** Registers read in one request. */
interface SpanRead extends RegisterSpan {
  readonly registers: number[];
}

/** Settings kept between readings ({@link EvChargerOptions.slowRefreshMs}). */
interface CachedSettings {
  readonly time: number;
  readonly settings: ChargerSettings;
  readonly unavailable: string[];
  readonly warnings: string[];
}
