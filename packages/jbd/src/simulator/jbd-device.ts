import { BatteryModel } from "@batt/core/simulator";
import type { BasicInfoRaw } from "../basic-info.js";
import type { BalanceTestMode } from "../control.js";
import { encodeJbdDate } from "../date.js";
import { ERROR_COUNTER_NAMES, type ErrorCounters } from "../error-counters.js";
import type { JbdRequest } from "../frame.js";
import { celsiusToKelvinTenths } from "../units.js";
import { defaultEeprom } from "./default-eeprom.js";
import type { JbdDeviceOptions } from "./device-options.js";
import { answerRead, answerWrite } from "./device-protocol.js";
import { EepromStore } from "./eeprom-store.js";
import { CHARGE_BLOCKING, DISCHARGE_BLOCKING, ProtectionMonitor } from "./protections.js";

/** Current of the simulated pack unless its options say otherwise, A: a small load, so that a reading shows the pack at work. */
export const JBD_SIMULATOR_DEFAULT_CURRENT = -2.5;

/** A reply the device gives: register, status, payload. */
export interface DeviceReply {
  /** Register answered. */
  readonly register: number;
  /** Status byte. */
  readonly status: number;
  /** Payload (empty for errors and write acknowledgements). */
  readonly data: Uint8Array;
}


/**
 * The behaviour of a JBD BMS without any I/O: register semantics (factory mode, passwords,
 * EEPROM working/committed copies, MOSFET and balance control, 0x0A commands, calibration, in
 * `device-protocol.ts`) and the pack it watches (protections, balancing, coulomb counting). {@link JbdSimulator} puts it on a wire.
 */
export class JbdDevice {
  /** The pack (core's battery model). */
  readonly pack: BatteryModel;
  /** The EEPROM. */
  readonly eeprom: EepromStore;
  /** Protection state and error counts. */
  readonly protections = new ProtectionMonitor();
  /** In factory mode. */
  factoryMode = false;
  /** Password accepted in this power cycle. */
  authenticated = false;
  /** Current PIN, if any. */
  password: string | undefined;
  /** 0xE1 value in force: bit0 charge off, bit1 discharge off. */
  mosfetMask = 0;
  /** Active balance test, if any. */
  balanceTest: BalanceTestMode | undefined;
  /** Sleeping: the next request wakes it without an answer. */
  asleep = false;
  /** Powered down (0x0A `06 00`): silent until a charger is connected or {@link JbdDevice.powerCycle}. */
  poweredDown = false;
  /** Remaining capacity by coulomb counting, Ah. */
  remainingCapacity: number;
  /** 0x0A commands received, in order. */
  readonly controlLog: number[] = [];
  /** Alarm bits reported in the extended tail. */
  alarms: number;
  /** Calibration offsets per cell, V. */
  readonly cellOffsets: number[];
  /** Calibration offsets per NTC, °C. */
  readonly ntcOffsets: number[];
  /** Current calibration offset, A. */
  currentOffset = 0;
  /** Current gain while charging and discharging (set by the 0xAE/0xAF calibrations; 1 = exact). */
  readonly currentGain = { charge: 1, discharge: 1 };
  /** MCU restarts (0x0A `03 00`, power cycles). */
  restarts = 0;
  /** The options it was made with. */
  readonly config: JbdDeviceOptions;
  /** Software version byte. */
  readonly version: number;
  /** Whether the firmware knows passwords. */
  readonly passwordSupported: boolean;
  /** Set when a balance test starts, cleared by the exit of that factory session (the test survives that exit only). */
  balanceTestFresh = false;
  private dischargedAh = 0;

  constructor(options: JbdDeviceOptions = {}) {
    this.config = options;
    this.pack = new BatteryModel({ ...options.pack, current: options.pack?.current ?? JBD_SIMULATOR_DEFAULT_CURRENT });
    this.version = options.softwareVersion ?? 0x80;
    this.passwordSupported = options.passwordSupported ?? (this.version >= 0x16 && this.version < 0x21);

    this.password = options.password;
    this.alarms = options.alarms ?? 0;
    this.eeprom = new EepromStore(
      defaultEeprom({
        profile: this.pack.profile,
        cells: this.pack.cells.length,
        capacity: this.pack.capacity,
        ntcCount: this.pack.sensorOffsets.length,
        manufactureDate: options.manufactureDate ?? "2022-03-28",
        cycles: options.cycles ?? 0,
        extendedCapacityTable: options.extendedCapacityTable ?? this.version >= 0x20,
      }),
    );
    this.cellOffsets = this.pack.cells.map(() => 0);
    this.ntcOffsets = this.pack.sensorOffsets.map(() => 0);
    this.remainingCapacity = (this.pack.soc / 100) * this.fullChargeCapacity();
  }

  private num(name: string): number {
    const v = this.eeprom.setting(name);
    return typeof v === "number" ? v : 0;
  }

  /** Full-charge capacity (register 0x11), Ah. */
  fullChargeCapacity(): number {
    return this.num("cycle_cap");
  }

  /** Which MOSFETs conduct: not forced off by 0xE1 and not blocked by a protection. */
  fets(): { charge: boolean; discharge: boolean } {
    const bits = this.protections.bits;
    return {
      charge: !this.poweredDown && (this.mosfetMask & 1) === 0 && (bits & CHARGE_BLOCKING) === 0,
      discharge: !this.poweredDown && (this.mosfetMask & 2) === 0 && (bits & DISCHARGE_BLOCKING) === 0,
    };
  }

  /** The current that flows, A: the demand, unless the MOSFET for its direction is off. */
  current(): number {
    const demand = this.pack.current;
    const fets = this.fets();
    if (demand > 0 && !fets.charge) return 0;
    if (demand < 0 && !fets.discharge) return 0;
    return demand;
  }

  /** True cell voltages at the flowing current, V. */
  trueCellVoltages(current = this.current()): number[] {
    return this.pack.cellVoltages(current);
  }

  /** Cell voltages as the BMS reports them (calibration applied), V. */
  cellVoltages(current = this.current()): number[] {
    return this.trueCellVoltages(current).map((v, i) => v + (this.cellOffsets[i] ?? 0));
  }

  /** Temperatures as reported (calibration applied), °C. */
  temperatures(): number[] {
    return this.pack.sensorTemperatures.map((t, i) => t + (this.ntcOffsets[i] ?? 0));
  }

  /** Which cells bleed: the balance test if one is active, otherwise the balancer settings. */
  balancing(current = this.current()): boolean[] {
    const cells = this.pack.cells;
    if (this.balanceTest === "odd") return cells.map((_, i) => i % 2 === 0);
    if (this.balanceTest === "even") return cells.map((_, i) => i % 2 === 1);
    if (this.balanceTest === "off") return cells.map(() => false);
    const config = this.num("func_config");
    const enabled = (config & 0x04) !== 0 && ((config & 0x08) === 0 || current > 0);
    if (!enabled) return cells.map(() => false);
    const volts = this.trueCellVoltages(current);
    const min = Math.min(...volts);
    const start = this.num("bal_start");
    const window = this.num("bal_window");
    return volts.map((v) => v >= start && v - min > window);
  }

  /** Advances the pack by `ms`: charge flows, cells balance, protections trip and release. */
  step(ms: number): void {
    if (!(ms > 0)) return;
    const current = this.current();
    const bleed = this.config.balanceCurrent ?? 0.05;
    this.pack.advance(ms, current, this.balancing(current), bleed);
    const hours = ms / 3_600_000;
    this.remainingCapacity = Math.min(this.fullChargeCapacity(), Math.max(0, this.remainingCapacity + current * hours));
    if (current < 0) this.countCycles(-current * hours);
    const volts = this.trueCellVoltages(current);
    this.protections.update(
      ms,
      { cellVoltages: volts, voltage: volts.reduce((a, b) => a + b, 0), current, temperatures: this.pack.sensorTemperatures },
      (name) => this.eeprom.setting(name),
    );
  }

  private countCycles(ah: number): void {
    const perCycle = this.num("cycle_cap");
    if (!(perCycle > 0)) return;
    this.dischargedAh += ah;
    while (this.dischargedAh >= perCycle) {
      this.dischargedAh -= perCycle;
      this.eeprom.set(0x17, Math.min(0xffff, this.num("cycle_cnt") + 1));
    }
  }

  /** Sets the load (negative) or charger (positive) current, A. A charger wakes a powered-down BMS. */
  setCurrent(amps: number): void {
    this.pack.current = amps;
    if (amps > 0) this.poweredDown = false;
  }

  /** Loses power and comes back: uncommitted EEPROM writes, factory mode, 0xE1 and balance test are gone. */
  powerCycle(): void {
    this.eeprom.revert();
    this.factoryMode = false;
    this.authenticated = false;
    this.mosfetMask = 0;
    this.balanceTest = undefined;
    this.poweredDown = false;
    this.asleep = false;
    this.restarts++;
  }

  /** Register 0x03 in wire units. */
  basicInfoRaw(): BasicInfoRaw {
    const current = this.current();
    const volts = this.cellVoltages(current);
    const balancing = this.balancing(current);
    let balance = 0;
    balancing.forEach((on, i) => {
      if (on) balance |= 1 << i;
    });
    balance >>>= 0;
    const fets = this.fets();
    const full = this.fullChargeCapacity();
    const extended = this.config.extendedInfo ?? false;
    const capacityBase = extended ? full : this.num("design_cap");
    const ntcMask = this.num("ntc_config");
    const reportedCurrent = current * (current >= 0 ? this.currentGain.charge : this.currentGain.discharge) + this.currentOffset;
    return {
      voltage: Math.round(volts.reduce((a, b) => a + b, 0) * 100),
      current: Math.max(-0x8000, Math.min(0x7fff, Math.round(reportedCurrent * 100))),
      remaining: Math.round(this.remainingCapacity * 100),
      nominal: Math.round(this.num("design_cap") * 100),
      cycles: this.num("cycle_cnt"),
      date: encodeJbdDate(String(this.eeprom.setting("mfg_date"))),
      balanceLow: balance & 0xffff,
      balanceHigh: balance >>> 16,
      protection: this.protections.bits | (this.mosfetMask !== 0 ? 1 << 12 : 0),
      version: this.version,
      rsoc: capacityBase > 0 ? Math.max(0, Math.min(100, Math.round((this.remainingCapacity / capacityBase) * 100))) : 0,
      fet: (fets.charge ? 1 : 0) | (fets.discharge ? 2 : 0),
      cellCount: volts.length,
      ntc: this.temperatures()
        .filter((_, i) => ((ntcMask >> i) & 1) === 1)
        .map(celsiusToKelvinTenths),
      ...(extended
        ? {
            tail: {
              humidity: this.config.humidity ?? 45,
              alarm: this.alarms,
              fullCharge: Math.round(full * 100),
              remaining: Math.round(this.remainingCapacity * 100),
              balanceCurrent: balancing.some(Boolean) ? Math.round((this.config.balanceCurrent ?? 0.05) * 1000) : 0,
            },
          }
        : {}),
    };
  }

  /** Register 0xAA's counters. */
  errorCounters(): ErrorCounters {
    const out: Record<string, number> = {};
    for (const name of ERROR_COUNTER_NAMES) if (name !== "systemRestarts") out[name] = this.protections.counts[name] ?? 0;
    if (this.config.restartCounter) out.systemRestarts = this.restarts;
    return out as ErrorCounters;
  }

  /** Answers one request as the firmware would; `undefined` means no reply. */
  handle(request: JbdRequest): DeviceReply | undefined {
    return request.kind === "read" ? answerRead(this, request) : answerWrite(this, request);
  }

}
