import type { ChannelIndex } from "../constants.js";
import type { LogViewSampleFields } from "../hid/logview.js";
import { LITHIUM_CHEMISTRIES } from "../models/chemistry.js";
import type { OperationName } from "../models/operations.js";
import { CHANNEL_FULL_REGISTERS, ChannelOffset } from "../status/channel-status.js";
import { encodeStatusWord } from "../status/status-word.js";
import { imageToRegisters, splitU32LowFirst } from "../words.js";
import type { PackModel } from "./pack-model.js";
import type { ProgramParams } from "./program.js";

/** Where a simulated channel is. */
export type ChannelPhase = "idle" | "stopped" | "starting" | "checking" | "charge" | "discharge" | "storage" | "balance" | "power" | "done" | "error";

/** Phases in which the status word's run bit is set. */
const RUNNING: ReadonlySet<ChannelPhase> = new Set(["starting", "checking", "charge", "discharge", "storage", "balance", "power"]);

/** Timing and limits of a simulated channel. */
export interface ChannelSimOptions {
  /** Start phase (run status 5), ms (default 100). */
  readonly startMs?: number;
  /** Check phase (run status 6), ms (default 200). */
  readonly checkMs?: number;
  /** Time constant of the current regulator, ms (default 150). */
  readonly currentTimeConstantMs?: number;
  /** Balance bleed current per cell, A (default 0.2). */
  readonly bleedCurrent?: number;
}

/** Live limits a channel reads from SYSTEM while it runs. */
export interface ChannelLimits {
  /** Input voltage, V. */
  readonly inputVoltage: number;
  /** Charge power limit, W. */
  readonly chargePower: number;
  /** Discharge power limit, W. */
  readonly dischargePower: number;
}

/** Longest internal physics step, ms. */
const MAX_STEP_MS = 50;

/**
 * One simulated output channel: a program state machine (start → check → charge / discharge / storage /
 * balance / cycle / power → done, or error) driving a {@link PackModel} with a first-order current
 * regulator, CC/CV charging, power limits, balancing, and the channel registers the charger reports.
 */
export class ChannelSim {
  /** Current phase. */
  phase: ChannelPhase = "idle";
  /** Output current, A (> 0 charging). */
  current = 0;
  /** Milliseconds since the run started. */
  timestampMs = 0;
  /** Charge moved since the run started, Ah (negative discharging). */
  capacity = 0;
  /** Completed cycles. */
  cycles = 0;
  /** Run error register (high byte: code). */
  runError = 0;
  /** Open dialog box ID (0: none). */
  dialogId = 0;
  /** Whether the charger's own IR result is shown (after a start or a "Get IR"). */
  irMeasured = false;
  /** The operation of the running program. */
  operation: OperationName | undefined;
  private controlStatus = 0;
  private readonly bleed: number[];
  private params: ProgramParams | undefined;
  private steps: ChannelPhase[] = [];
  private completedSteps = 0;
  private phaseMs = 0;
  private pendingError = 0;
  private warning = 0;
  private storageDirection: "charge" | "discharge" | undefined;
  private cvReached = false;
  private readonly startMs: number;
  private readonly checkMs: number;
  private readonly tau: number;
  private readonly bleedCurrent: number;

  constructor(
    /** Channel index. */
    readonly index: ChannelIndex,
    /** The pack on this channel. */
    readonly pack: PackModel,
    /** Cell slots the model reports. */
    readonly cellSlots: number,
    private readonly limits: () => ChannelLimits,
    options: ChannelSimOptions = {},
  ) {
    this.bleed = new Array<number>(pack.cells).fill(0);
    this.startMs = options.startMs ?? 100;
    this.checkMs = options.checkMs ?? 200;
    this.tau = options.currentTimeConstantMs ?? 150;
    this.bleedCurrent = options.bleedCurrent ?? 0.2;
  }

  /** Whether a program runs (status word bit 0). */
  get running(): boolean {
    return RUNNING.has(this.phase);
  }

  /** Whether any cell is being balanced. */
  get balancing(): boolean {
    return this.bleed.some((a) => a > 0);
  }

  /**
   * Starts a program; `errorAtCheck` (a run-error register value) makes it fail at the end of the check
   * phase, as a real start fails ~300 ms after RUN. Ignored while running.
   */
  run(operation: OperationName, params: ProgramParams, errorAtCheck = 0): boolean {
    if (this.running) return false;
    this.operation = operation;
    this.params = params;
    this.steps = programSteps(operation, params);
    this.begin(errorAtCheck);
    return true;
  }

  /** A RUN the charger refuses (empty slot, operation unknown for the chemistry): fails after the check. */
  failStart(runError: number): boolean {
    if (this.running) return false;
    this.operation = undefined;
    this.params = undefined;
    this.steps = [];
    this.begin(runError);
    return true;
  }

  private begin(errorAtCheck: number): void {
    this.completedSteps = 0;
    this.phase = "starting";
    this.phaseMs = 0;
    this.timestampMs = 0;
    this.capacity = 0;
    this.runError = 0;
    this.warning = 0;
    this.pendingError = errorAtCheck;
    this.storageDirection = undefined;
    this.cvReached = false;
  }

  /** Shows a run error with the error bit while the program goes on (a warning-only 0x1D00). */
  warn(runError: number): void {
    this.warning = runError;
  }

  /** MODIFY while running: the current limit of the program's direction (charge or discharge) becomes `current` A. */
  modify(current: number): boolean {
    if (!this.running || !this.params || current <= 0) return false;
    const discharging = this.operation === "discharge" || this.current < 0;
    this.params = discharging ? { ...this.params, dischargeCurrent: current } : { ...this.params, chargeCurrent: current };
    return true;
  }

  /** Stops the program (STOP order). */
  stop(): void {
    if (this.running || this.phase === "done" || this.phase === "error") this.phase = "stopped";
    this.current = 0;
    this.bleed.fill(0);
    this.controlStatus = 0;
  }

  /** Shows the configured cell IRs as the charger's own measurement ("Get IR"). */
  measureIr(): void {
    this.irMeasured = true;
  }

  /** Advances time by `ms`. */
  step(ms: number): void {
    for (let left = ms; left > 0; left -= MAX_STEP_MS) this.tick(Math.min(MAX_STEP_MS, left));
  }

  private tick(dt: number): void {
    if (this.running) this.timestampMs += dt;
    this.phaseMs += dt;
    let target = 0;
    switch (this.phase) {
      case "starting":
        if (this.phaseMs >= this.startMs) this.enter("checking");
        break;
      case "checking":
        if (this.phaseMs >= this.checkMs) {
          if (!this.pack.connected && this.pendingError === 0) this.pendingError = 0x0500;
          if (this.pendingError !== 0) {
            this.runError = this.pendingError;
            this.enter("error");
          } else {
            this.irMeasured = true;
            this.nextStep();
          }
        }
        break;
      case "charge":
        target = this.chargeTarget(this.params!.chargeVoltage);
        break;
      case "discharge":
        target = this.dischargeTarget(this.params!.dischargeVoltage);
        break;
      case "storage":
        target = this.storageTarget();
        break;
      default:
        target = 0;
    }
    if (this.running && this.phase !== "starting" && this.phase !== "checking") {
      this.current += (target - this.current) * (1 - Math.exp(-dt / this.tau));
    } else {
      this.current = 0;
    }
    this.updateBleed();
    this.pack.step(dt, this.current, this.bleed);
    this.capacity += (this.current * dt) / 3_600_000;
    this.checkEnd();
  }

  private enter(phase: ChannelPhase): void {
    this.phase = phase;
    this.phaseMs = 0;
    this.cvReached = false;
    if (!RUNNING.has(phase)) {
      this.current = 0;
      this.controlStatus = 0;
      this.bleed.fill(0);
    }
  }

  private nextStep(): void {
    if (this.phase === "charge" || this.phase === "discharge") {
      this.completedSteps++;
      if (this.operation === "cycle" && this.completedSteps % 2 === 0) this.cycles++;
    }
    const next = this.steps.shift();
    this.storageDirection = undefined;
    this.enter(next ?? "done");
  }

  private packVolts(): number {
    return Math.max(1, this.pack.outputVoltage(this.current));
  }

  /** CC at the preset current (power-limited), CV where a cell would pass `cellVoltage` (V). */
  private chargeTarget(cellVoltage: number): number {
    const p = this.params!;
    const cc = Math.min(p.chargeCurrent, this.limits().chargePower / this.packVolts());
    let cv = Infinity;
    for (let i = 0; i < this.pack.cells; i++) cv = Math.min(cv, (cellVoltage - this.pack.ocv(i)) / this.pack.resistance(i));
    const target = Math.max(0, Math.min(cc, cv));
    if (cv < cc) this.cvReached = true;
    this.controlStatus = cv < cc ? 2 : 3;
    return target;
  }

  /** CC at the preset current (power-limited), reduced where a cell would drop below `floor` (V) under load. */
  private dischargeTarget(floor: number): number {
    const p = this.params!;
    const cc = Math.min(p.dischargeCurrent, this.limits().dischargePower / this.packVolts());
    let cv = Infinity;
    for (let i = 0; i < this.pack.cells; i++) cv = Math.min(cv, (this.pack.ocv(i) - floor) / this.pack.resistance(i));
    if (cv < cc) this.cvReached = true;
    this.controlStatus = cv < cc ? 2 : 3;
    return -Math.max(0, Math.min(cc, cv));
  }

  private storageTarget(): number {
    const p = this.params!;
    if (this.storageDirection === undefined) {
      const mean = this.meanOcv();
      this.storageDirection = mean > p.storageVoltage + 0.005 ? "discharge" : mean < p.storageVoltage - 0.005 ? "charge" : undefined;
      if (this.storageDirection === undefined) return 0;
    }
    return this.storageDirection === "charge" ? this.chargeTarget(p.storageVoltage) : this.dischargeTarget(p.storageVoltage);
  }

  private meanOcv(): number {
    let sum = 0;
    for (let i = 0; i < this.pack.cells; i++) sum += this.pack.ocv(i);
    return this.pack.cells === 0 ? 0 : sum / this.pack.cells;
  }

  private updateBleed(): void {
    const p = this.params;
    const active = p !== undefined && LITHIUM_CHEMISTRIES.has(p.chemistry) && this.pack.balanceLead && (this.phase === "balance" || (this.phase === "charge" && p.balanceOnCharge));
    if (!active) {
      this.bleed.fill(0);
      return;
    }
    let min = Infinity;
    for (let i = 0; i < this.pack.cells; i++) min = Math.min(min, this.pack.ocv(i));
    for (let i = 0; i < this.pack.cells; i++) this.bleed[i] = this.pack.ocv(i) > min + p.balanceDiff ? this.bleedCurrent : 0;
  }

  private checkEnd(): void {
    const p = this.params;
    if (!p) return;
    const endCurrent = p.endChargeFraction * p.chargeCurrent;
    const endDischarge = p.endDischargeFraction * p.dischargeCurrent;
    switch (this.phase) {
      case "charge":
        if (this.cvReached && this.current <= endCurrent && this.phaseMs > this.tau) this.nextStep();
        break;
      case "discharge":
        if (this.cvReached && -this.current <= endDischarge && this.phaseMs > this.tau) this.nextStep();
        break;
      case "storage":
        if (this.storageDirection === undefined && this.phaseMs > 0) this.enter("done");
        // Storage ends on the tighter charge end current in both directions, to land near the storage voltage.
        else if (this.storageDirection === "discharge" && this.cvReached && -this.current <= p.endChargeFraction * p.dischargeCurrent && this.phaseMs > this.tau) this.enter("done");
        else if (this.storageDirection === "charge" && this.cvReached && this.current <= endCurrent && this.phaseMs > this.tau) this.enter("done");
        break;
      case "balance":
        if (!this.balancing && this.phaseMs > 0) this.enter("done");
        break;
      default:
        break;
    }
  }

  /** Run status register: observed codes (0 idle, 1 stopped, 5 start, 6 check, 7 charging, 13 discharging, 17 balance, 40 done, 41 error). */
  runStatus(): number {
    switch (this.phase) {
      case "idle":
        return 0;
      case "stopped":
        return 1;
      case "starting":
        return 5;
      case "checking":
        return 6;
      case "charge":
      case "power":
        return 7;
      case "discharge":
        return 13;
      case "storage":
        return this.storageDirection === "discharge" ? 13 : 7;
      case "balance":
        return 17;
      case "done":
        return 40;
      case "error":
        return 41;
    }
  }

  /** The channel's status word. */
  statusWord(): number {
    return encodeStatusWord({
      run: this.running,
      error: this.phase === "error" || (this.warning !== 0 && this.running),
      dialogBox: this.dialogId !== 0,
      cellVoltage: this.pack.connected && this.pack.balanceLead && this.pack.cells > 0,
      balancing: this.balancing,
    });
  }

  /** Cell voltage registers, mV. */
  private cellsMv(): number[] {
    const shown = this.pack.connected && this.pack.balanceLead;
    return Array.from({ length: this.cellSlots }, (_, i) => (shown && i < this.pack.cells ? Math.round(this.pack.cellVoltage(i, this.current) * 1000) : 0));
  }

  /** Output voltage register, mV. */
  private outputMv(): number {
    return this.pack.connected ? Math.max(0, Math.round(this.pack.outputVoltage(this.current) * 1000)) : 0;
  }

  /** External temperature register, 0.1 °C: a probe on the pack, or 0 without one (docs/protocols/icharger.md#channel-status-input-0x0100-0x0200). */
  private externalDeciC(): number {
    return this.pack.probe ? Math.round(this.pack.temperature * 10) : 0;
  }

  /** Internal temperature register, 0.1 °C: the charger warms with the current it carries. */
  private internalDeciC(): number {
    return 250 + Math.round(Math.abs(this.current) * 3);
  }

  /** The channel's 74 status registers (docs/protocols/icharger.md#channel-status-input-0x0100-0x0200). */
  registers(): number[] {
    const r = new Array<number>(CHANNEL_FULL_REGISTERS).fill(0);
    const outputMv = this.outputMv();
    const current10mA = Math.round(this.current * 100);
    const put = (at: number, words: readonly number[]): void => words.forEach((w, i) => (r[at + i] = w & 0xffff));
    put(ChannelOffset.timestamp, splitU32LowFirst(Math.round(this.timestampMs)));
    put(ChannelOffset.power, splitU32LowFirst(Math.round(Math.abs(outputMv * this.current) / 10)));
    r[ChannelOffset.current] = current10mA & 0xffff;
    r[ChannelOffset.inputVoltage] = Math.round(this.limits().inputVoltage * 1000);
    r[ChannelOffset.outputVoltage] = outputMv;
    put(ChannelOffset.capacity, splitU32LowFirst(Math.round(this.capacity * 1000)));
    r[ChannelOffset.internalTemperature] = this.internalDeciC();
    r[ChannelOffset.externalTemperature] = this.externalDeciC() & 0xffff;
    put(ChannelOffset.cellVoltage, this.cellsMv().slice(0, 16));
    const balance = new Uint8Array(16);
    this.bleed.forEach((a, i) => (balance[i] = a > 0 ? 1 : 0));
    put(ChannelOffset.balance, imageToRegisters(balance));
    if (this.irMeasured) {
      // 0.1 mΩ registers.
      const ir = Array.from({ length: this.pack.cells }, (_, i) => Math.round(this.pack.resistance(i) * 10_000));
      put(ChannelOffset.cellIr, ir.slice(0, 16));
      r[ChannelOffset.totalIr] = ir.reduce((a, b) => a + b, 0);
      r[ChannelOffset.lineIr] = Math.round(this.pack.leadResistance * 10_000);
    }
    r[ChannelOffset.cycleCount] = this.cycles;
    r[ChannelOffset.controlStatus] = this.controlStatus;
    r[ChannelOffset.runStatus] = this.runStatus();
    r[ChannelOffset.runError] = this.warning !== 0 && this.running ? this.warning : this.runError;
    r[ChannelOffset.dialogBox] = this.dialogId;
    const capacity = Math.max(0, Math.round(Math.abs(this.capacity * 1000)));
    for (let i = 0; i < Math.min(this.pack.cells, 16); i++) r[ChannelOffset.cellCapacity + i] = capacity & 0xffff;
    return r;
  }

  /** A LogView sample of the channel (docs/protocols/icharger.md#logview-reports); LiPo is the only battery type number known (1). */
  logSample(): LogViewSampleFields {
    const state = this.phase === "charge" ? 1 : this.phase === "discharge" ? 2 : this.phase === "storage" ? (this.storageDirection === "discharge" ? 2 : 1) : this.phase === "balance" ? 9 : this.phase === "power" ? 30 : this.phase === "done" ? 6 : this.phase === "error" ? 7 : 0;
    return {
      channel: this.index + 1,
      timestampMs: Math.round(this.timestampMs),
      state,
      batteryType: this.params?.chemistry === "LiPo" ? 1 : 0,
      cycle: this.cycles & 0xff,
      current10mA: Math.round(this.current * 100),
      inputMv: Math.round(this.limits().inputVoltage * 1000),
      batteryMv: this.outputMv(),
      capacityMah: Math.round(this.capacity * 1000),
      internalDeciC: this.internalDeciC(),
      externalDeciC: this.externalDeciC(),
      cellsMv: this.cellsMv(),
    };
  }
}

/** The steps of a program: one operation, or the charge/discharge sequence of a cycle. */
function programSteps(operation: OperationName, params: ProgramParams): ChannelPhase[] {
  if (operation !== "cycle") return [operation];
  const dischargeFirst = params.cycleMode % 2 === 1;
  const pair: ChannelPhase[] = dischargeFirst ? ["discharge", "charge"] : ["charge", "discharge"];
  const steps: ChannelPhase[] = [];
  for (let i = 0; i < params.cycleCount; i++) steps.push(...pair);
  if (params.cycleMode === 2 || params.cycleMode === 3) steps.push(pair[0]!);
  if (params.cycleMode === 4 || params.cycleMode === 5) steps.push("storage");
  return steps;
}
