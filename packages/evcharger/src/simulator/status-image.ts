import type { RegisterTable, RegisterValues } from "@batt/modbus-rtu";
import { G2_STATUS_REGISTERS, type InputRegisterMap } from "../input-registers.js";
import { ChargerState, type ChargerModel } from "./charger-model.js";

/** What the input registers show besides the model: identity and settings mirrored from holding registers. */
export interface StatusExtras {
  /** Power class value of input 0x0021. */
  readonly typePower: number;
  /** Firmware version, e.g. 1.18. */
  readonly firmwareVersion: number;
  /** Charge phase setting (holding 0x0625). */
  readonly chargePhase: number;
  /** Unbalance power setting (holding 0x063C), W. */
  readonly unbalancedPower: number;
  /** Unbalance switch (holding 0x063D). */
  readonly unbalancedSwitch: number;
  /** Electronic lock (holding 0x0615). */
  readonly locked: boolean;
}

/** Power a charger reports while idle, W (the real ones read 2–3 W, docs/protocols/evcharger.md#input-registers). */
const IDLE_POWER_W = 3;

type InputInputs = { [K in keyof RegisterValues<InputRegisterMap["fields"]>]: number };

/**
 * Writes the model into the input registers through the generation's input map (so scales,
 * signedness and word orders are the driver's), plus the second generation's status registers
 * when the table has them.
 */
export function writeStatus(table: RegisterTable, map: InputRegisterMap, model: ChargerModel, extras: StatusExtras): void {
  const current = model.current;
  const phaseCurrent = (phase: number): number => (phase < model.activePhases ? current : 0);
  const phaseVoltage = (phase: number): number => (phase < model.phases ? model.voltage + [0, 1.2, -0.6][phase]! - 0.05 * phaseCurrent(phase) : 0);
  const phasePower = (phase: number): number => Math.round(phaseVoltage(phase) * phaseCurrent(phase));
  const total = phasePower(0) + phasePower(1) + phasePower(2);
  const grid = (phase: number): number => (phase < model.phases ? model.houseLoad + phasePower(phase) : 0);
  const state = model.state;
  const plugged = model.isPlugged;
  const values: InputInputs = {
    voltageL1: phaseVoltage(0),
    voltageL2: phaseVoltage(1),
    voltageL3: phaseVoltage(2),
    voltagePe: 0.4,
    currentL1: phaseCurrent(0),
    currentL2: phaseCurrent(1),
    currentL3: phaseCurrent(2),
    currentPe: 0.002,
    powerL1: phasePower(0),
    powerL2: phasePower(1),
    powerL3: phasePower(2),
    totalPower: total > 0 ? total : IDLE_POWER_W,
    frequencyL1: model.frequency,
    frequencyL2: model.phases === 3 ? model.frequency : 0,
    frequencyL3: model.phases === 3 ? model.frequency : 0,
    sessionEnergy: Math.floor(model.sessionEnergy / 100) * 100, // the registers count whole 0.1 kWh
    totalEnergy: Math.floor(model.totalEnergy / 100) * 100,
    gridCurrentL1: grid(0) / model.voltage,
    gridCurrentL2: grid(1) / model.voltage,
    gridCurrentL3: grid(2) / model.voltage,
    gridPowerL1: grid(0),
    gridPowerL2: grid(1),
    gridPowerL3: grid(2),
    gridTotalPower: grid(0) + grid(1) + grid(2),
    ccVoltage: plugged ? 3.3 : 0,
    cpVoltage: !plugged ? 12 : state === ChargerState.Charging ? 6 : 9,
    duty: plugged ? Math.min(100, Math.max(model.maxCurrent, 6) / 0.6) : 100,
    pcbTemperature: Math.round(30 + current / 2),
    state,
    faultCode: model.faultBits,
    typeCase: 1,
    typePower: extras.typePower,
    typePhase: model.phases === 3 ? 1 : 0,
    typeCharger: 0,
    typeScreen: 0,
    firmwareVersion: extras.firmwareVersion,
    ocppNetwork: 0,
    rssi: 80,
    chargePhase: extras.chargePhase,
    unbalancedPower: extras.unbalancedPower,
    unbalancedSwitch: extras.unbalancedSwitch,
    chargingTime: Math.floor(model.chargingMs / 1000),
  };
  for (const name of map.names) {
    const write = map.encode(name, values[name]);
    table.write(write.address, write.registers);
  }
  if (table.contains(0x0030)) {
    const extra = { lockState: extras.locked ? 1 : 0, mainBreakerLimitState: 0, randomDelayState: 0, banState: 0 };
    for (const name of G2_STATUS_REGISTERS.names) {
      const write = G2_STATUS_REGISTERS.encode(name, extra[name]);
      table.write(write.address, write.registers);
    }
  }
}
