import {
  decodeFieldValue,
  encodeFieldValue,
  fieldSize,
  ModbusException,
  ModbusExceptionError,
  ModbusSimulator,
  RegisterBank,
  type FieldInput,
  type ModbusServing,
  type ModbusSimulatorOptions,
  type RegisterWriteEvent,
} from "@batt/modbus-rtu";
import { EVCHARGER_DEFAULT_ADDRESS, G1_INPUT_COUNT, G2_INPUT_COUNT } from "../constants.js";
import { ECO_GEAR, GREEN_GEAR, TYPE_POWER } from "../enums.js";
import type { Generation } from "../generation.js";
import { HOLDING_WRITE_POLICY, holdingRegisterMap, type HoldingName, type HoldingRegisterMap } from "../holding-registers.js";
import { inputRegisterMap, type InputRegisterMap } from "../input-registers.js";
import { upgradeRegisterMap } from "../upgrade/upgrade-registers.js";
import { wordOrdersFor, type WordOrders } from "../word-order.js";
import { Bootloader, type BootloaderOptions } from "./bootloader.js";
import { ChargerModel, type ChargerModelOptions } from "./charger-model.js";
import { writeStatus } from "./status-image.js";

/** Options for {@link EvChargerSimulator}. */
export interface EvChargerSimulatorOptions extends ChargerModelOptions, ModbusSimulatorOptions {
  /** The charger's bus address (default 70). */
  readonly address?: number;
  /** Generation whose registers, enums and word orders the charger shows (default `g1`). */
  readonly generation?: Generation;
  /** Word orders overriding the generation's (to imitate a particular unit). */
  readonly wordOrders?: Partial<WordOrders>;
  /** Serial number, 14 characters (default `C311A1B2C3D4E5` on G1, `503B0A1B2C3D4E` on G2). */
  readonly serialNumber?: string;
  /** Firmware version (default 1.18 on G1, 9.05 on G2). */
  readonly firmwareVersion?: number;
  /** Power class name of input 0x0021 (default `11kW`). */
  readonly powerClass?: string;
  /** The bootloader's behaviour. */
  readonly bootloader?: BootloaderOptions;
}

/**
 * A simulated SolaX-type EV charger on any `Transport`: a {@link ChargerModel} behind the
 * input and holding registers of the document, served as a `ModbusSimulator` (core's one simulator base). Control
 * commands, modes and the charging current act on the model; writes that reach EEPROM-backed
 * registers are counted ({@link EvChargerSimulator.eepromWrites}); the upgrade block runs a
 * {@link Bootloader}. Time moves with {@link EvChargerSimulator.step}; replies can be dropped,
 * damaged, split or delayed with {@link EvChargerSimulator.inject} (core's `ReplyFault` kinds).
 */
export class EvChargerSimulator extends ModbusSimulator {
  /** The charger's behaviour. */
  readonly model: ChargerModel;
  /** The registers. */
  readonly bank: RegisterBank;
  /** The upgrade procedure's device side. */
  readonly bootloader: Bootloader;
  /** The generation shown. */
  readonly generation: Generation;
  /** Writes that reached each EEPROM-backed register, changed or not (what wears the EEPROM). */
  readonly eepromWrites: Partial<Record<HoldingName, number>> = {};
  /** Every holding write a client made, in order (including refused ones). */
  readonly writes: RegisterWriteEvent[] = [];
  private readonly input: InputRegisterMap;
  private readonly holding: HoldingRegisterMap;
  private readonly options: EvChargerSimulatorOptions;
  private busAddress: number;
  private firmwareVersion: number;

  constructor(options: EvChargerSimulatorOptions = {}) {
    super(options);
    this.options = options;
    this.generation = options.generation ?? "g1";
    this.busAddress = options.address ?? EVCHARGER_DEFAULT_ADDRESS;
    this.firmwareVersion = options.firmwareVersion ?? (this.generation === "g1" ? 1.18 : 9.05);
    const orders = wordOrdersFor(this.generation, options.wordOrders);
    this.input = inputRegisterMap(this.generation, orders);
    this.holding = holdingRegisterMap(this.generation, orders);
    this.model = new ChargerModel(options);
    this.bank = new RegisterBank({
      inputRegisters: this.generation === "g1" ? G1_INPUT_COUNT : G2_INPUT_COUNT,
      // The second generation's phase switch sits at 0xA105, beyond the upgrade block.
      holdingRegisters: { start: 0x0600, size: (this.generation === "g2" ? 0xa106 : 0x30c3) - 0x0600 },
      onWrite: (event) => this.onWrite(event),
    });
    this.bootloader = new Bootloader(this.bank.holdingRegisters, upgradeRegisterMap(orders.upgrade), options.bootloader);
    this.writeDefaults();
    this.refresh();
  }

  /** The charger's bus address (holding 0x0640 changes it). */
  get address(): number {
    return this.busAddress;
  }

  /** Writes that reached EEPROM-backed registers, all registers together. */
  get eepromWriteTotal(): number {
    return Object.values(this.eepromWrites).reduce((sum: number, n) => sum + (n ?? 0), 0);
  }

  /** A holding register's decoded value. */
  setting<K extends HoldingName>(name: K): unknown {
    const field = this.holding.fields[name];
    return decodeFieldValue(field, this.bank.holdingRegisters.read(field.address, fieldSize(field)));
  }

  /** A car is plugged in (ready to charge unless `evReady` is false). */
  plugIn(evReady = true): void {
    this.model.plugIn(evReady);
    this.refresh();
  }

  /** The car is unplugged. */
  unplug(): void {
    this.model.unplug();
    this.refresh();
  }

  /** The car asks for energy again, or pauses. */
  setEvReady(ready: boolean): void {
    this.model.setEvReady(ready);
    this.refresh();
  }

  /** Sets the fault bits (0 clears them); any bit puts the charger in Faulted. */
  setFault(bits: number): void {
    this.model.faultBits = bits >>> 0;
    this.refresh();
  }

  /** Advances the charger by `ms` and updates the registers. */
  override step(ms: number): void {
    this.model.step(ms);
    this.refresh();
  }

  /** The charger's address (it changes with holding 0x0640 from the next request on). */
  protected override serving(): ModbusServing {
    return { units: (unit) => unit === this.busAddress, handler: this.bank };
  }

  private put<K extends HoldingName>(name: K, value: FieldInput<HoldingRegisterMap["fields"][K]>): void {
    const write = this.holding.encode(name, value);
    this.bank.holdingRegisters.write(write.address, write.registers);
  }

  private writeDefaults(): void {
    const g1 = this.generation === "g1";
    this.put("serialNumber", this.options.serialNumber ?? (g1 ? "C311A1B2C3D4E5" : "503B0A1B2C3D4E"));
    this.put("wifiSerialNumber", "SXABCDEFGH");
    this.put("deviceType", 0);
    this.put("deviceMode", this.model.mode);
    this.put("ecoGear", 1);
    this.put("greenGear", 1);
    this.put("startMode", 0);
    this.put("overVoltage", 270);
    this.put("underVoltage", 150);
    this.put("boostMode", 0);
    this.put("mainBreakerLimit", 40);
    this.put("electronicLock", 0);
    this.put("cardActivation", 0);
    this.put("evseScene", 0);
    this.put("timezone", g1 ? 1 : 60);
    this.put("rtcDay", 1);
    this.put("rtcMonth", 1);
    this.put("rtcYear", 24);
    this.put("datahubChargeCurrent", 32);
    this.put("maxCurrent", this.model.maxCurrent);
    this.put("timerBoostStartHours", 1);
    this.put("timerBoostEndHours", 6);
    this.put("smartBoostEndHours", 7);
    this.put("smartBoostEnergy", 10);
    this.put("unbalancedPower", 5000);
    this.put("minCurrent", 6);
    this.put("slaveAddress", this.busAddress);
    if (!g1) {
      this.put("g2MaxCurrent", 32);
      this.put("evseMode", 0);
      this.put("phaseSwitch", this.model.phases === 3 ? 2 : 1);
    }
  }

  private refresh(): void {
    this.model.setUpdating(this.bootloader.active);
    this.put("totalEnergy", Math.floor(this.model.totalEnergy / 100) * 100); // whole 0.1 kWh
    const typePower = Number(Object.entries(TYPE_POWER[this.generation]).find(([, name]) => name === (this.options.powerClass ?? "11kW"))?.[0] ?? 0);
    const word = (name: HoldingName): number => this.bank.holdingRegisters.get(this.holding.fields[name].address);
    writeStatus(this.bank.inputRegisters, this.input, this.model, {
      typePower,
      firmwareVersion: this.firmwareVersion,
      chargePhase: word("chargePhase"),
      unbalancedPower: word("unbalancedPower"),
      unbalancedSwitch: word("unbalancedSwitch"),
      locked: word("electronicLock") === 1,
    });
  }

  private onWrite(event: RegisterWriteEvent): void {
    if (event.table !== "holdingRegisters") throw new ModbusExceptionError(ModbusException.IllegalFunction, "the charger has no coils");
    this.writes.push(event);
    if (Bootloader.owns(event.address)) {
      this.bootloader.onWrite(event.address, event.values.length);
      this.refresh();
      this.installFirmwareVersion();
      return;
    }
    const end = event.address + event.values.length;
    const touched = this.holding.names.filter((name) => {
      const field = this.holding.fields[name];
      return field.address < end && field.address + fieldSize(field) > event.address;
    });
    for (const name of touched) this.validate(name);
    for (const name of touched) {
      if (HOLDING_WRITE_POLICY[name] === "eeprom") this.eepromWrites[name] = (this.eepromWrites[name] ?? 0) + 1;
      this.apply(name);
    }
    this.refresh();
  }

  /** Refuses what the charger would refuse: values outside a field's range or enum (exception 03; the write is undone). */
  private validate(name: HoldingName): void {
    const field = this.holding.fields[name];
    const value = decodeFieldValue(field, this.bank.holdingRegisters.read(field.address, fieldSize(field)));
    try {
      if (typeof value === "number") encodeFieldValue(name, field, value);
      else if (typeof value === "object" && "name" in value && value.name === undefined && name !== "controlCommand") throw new Error(`${value.value} is not a value of ${name}`);
    } catch (error) {
      throw new ModbusExceptionError(ModbusException.IllegalDataValue, error instanceof Error ? error.message : String(error));
    }
  }

  private apply(name: HoldingName): void {
    const word = this.bank.holdingRegisters.get(this.holding.fields[name].address);
    switch (name) {
      case "controlCommand":
        this.model.command(word);
        this.put("controlCommand", 0); // "cleared when the slave has received it"
        break;
      case "maxCurrent":
      case "g2MaxCurrent":
      case "evseScene":
        this.model.maxCurrent = this.currentLimit();
        break;
      case "phaseSwitch":
        this.model.activePhases = word === 1 ? 1 : this.model.phases;
        break;
      case "chargePhase":
        if (this.generation === "g1") this.model.activePhases = word === 0 ? this.model.phases : 1;
        break;
      case "deviceMode":
        this.model.setMode(word);
        break;
      case "ecoGear":
        this.model.ecoCurrent = Number.parseInt(ECO_GEAR[word as keyof typeof ECO_GEAR] ?? "6", 10);
        break;
      case "greenGear":
        this.model.greenCurrent = Number.parseInt(GREEN_GEAR[word as keyof typeof GREEN_GEAR] ?? "3", 10);
        break;
      case "startMode":
        this.model.plugAndCharge = word === 0;
        break;
      case "slaveAddress":
        this.busAddress = word; // takes effect from the next request; this reply still comes from the old address
        break;
      default:
        break;
    }
  }

  /**
   * The current the charger allows: 0x0628 on G1; on G2 at most 0x0668, and 0x0668 alone under OCPP
   * (EVSE scene 2), where 0x0628 is ignored (docs/protocols/evcharger.md#charging-current).
   */
  private currentLimit(): number {
    const word = (name: HoldingName): number => this.bank.holdingRegisters.get(this.holding.fields[name].address) / 100;
    if (this.generation === "g1") return word("maxCurrent");
    const cap = word("g2MaxCurrent");
    return this.bank.holdingRegisters.get(this.holding.fields.evseScene.address) === 2 ? cap : Math.min(word("maxCurrent"), cap);
  }

  private installFirmwareVersion(): void {
    const installed = this.bootloader.installed;
    const match = installed && /V(\d+)\.(\d{2})/.exec(installed.name);
    if (!match) return;
    const version = Number(match[1]) + Number(match[2]) / 100;
    if (version !== this.firmwareVersion) {
      this.firmwareVersion = version;
      this.refresh();
    }
  }
}
