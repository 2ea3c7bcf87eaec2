import type { Clock, Transport, Unsubscribe } from "@batt/core";
import { DeviceSimulator, isReplyFault, shapeReply, type ReplyFault, type ReplyPiece } from "@batt/core/simulator";
import { ICHARGER_USB } from "../usb-identity.js";
import { encodeLogViewSample } from "../hid/logview.js";
import { ChargerDevice, type ChargerDeviceOptions } from "./charger-device.js";
import type { IChargerFault } from "./faults.js";
import { HidFront } from "./hid-front.js";
import { RtuFront } from "./rtu-front.js";
import { emptySimulatorCounters, type SimulatorCounters } from "./sim-counters.js";

/** Options of {@link IChargerSimulator}. */
export interface IChargerSimulatorOptions extends ChargerDeviceOptions {
  /** Clock for {@link IChargerSimulator.start} and reply delays (default: the system clock). */
  readonly clock?: Clock;
  /** Slave address on serial (default 1). */
  readonly address?: number;
  /** Fill USB replies past their length with the request's stale bytes, as the charger does (default true). */
  readonly stalePadding?: boolean;
}

/**
 * A simulated iCharger (two channels and a pack per channel on DUO models) that speaks the real wire
 * protocols: MODBUS-HID reports on a `packet` transport and Modbus RTU on a `stream` transport, parsed
 * with the Modbus codec. Its charge / discharge / storage / balance / cycle state machine and pack
 * physics (core's `BatteryModel`) advance with {@link IChargerSimulator.step} (deterministic) or on a
 * clock with {@link IChargerSimulator.start}. LogView reports are sent while logging is on.
 *
 * Faults ({@link IChargerSimulator.inject}) are the shared `ReplyFault` kinds and `interleave-log`.
 * Over serial they act on the RTU frame as on any Modbus device (`corrupt-checksum` on the CRC).
 * Over USB every report is 64 bytes and arrives whole, with no checksum: `truncate` cuts the report's
 * length byte to `length` (a reply cut short; what follows is stale), `corrupt-checksum` damages the
 * length byte (the report's one integrity check), `split` has no effect, `garbage-before` sends a
 * report of its own first.
 *
 * @example
 * ```ts
 * const { host, device } = createMemoryLink({ kind: "packet" });
 * await Promise.all([host.open(), device.open()]);
 * const sim = new IChargerSimulator({ model: "308duo" }).attach(device);
 * const charger = new ICharger(host);
 * ```
 */
export class IChargerSimulator extends DeviceSimulator<IChargerFault> {
  /** The simulated charger. */
  readonly device: ChargerDevice;
  /** Running totals. */
  readonly counters: SimulatorCounters = emptySimulatorCounters();
  private readonly address: number;
  private readonly stalePadding: boolean;
  private usb = false;

  constructor(options: IChargerSimulatorOptions = {}) {
    super(options);
    this.device = new ChargerDevice(options);
    this.address = options.address ?? 1;
    this.stalePadding = options.stalePadding ?? true;
  }

  /** Where `corrupt-checksum` strikes: the length byte of a USB report (the first of 64), the CRC's high byte on serial. */
  protected get checksumAt(): number {
    return this.usb ? ICHARGER_USB.reportSize : 1;
  }

  /** Advances the charger by `ms` (no clock involved). */
  step(ms: number): void {
    this.device.step(ms);
  }

  /**
   * Advances the charger on the clock every `tickMs` (default 50) until {@link IChargerSimulator.stop},
   * by the time that passed times `speed` (default 1).
   *
   * @throws BattError `invalid-argument` unless `tickMs` is a positive number.
   */
  override start(tickMs = 50, speed = 1): void {
    super.start(tickMs, speed);
  }

  /**
   * The reply's pieces once the due faults acted on it. Over USB, `truncate` and `split` take their
   * USB meaning first (see the class notes): a short write would be padded to 64 bytes by the link,
   * and zeros past a full-length byte would read as data.
   */
  protected override shape(frame: Uint8Array, delayMs = 0): ReplyPiece[] {
    if (!this.usb) return super.shape(frame, delayMs);
    const due = this.faults.take();
    let report = frame;
    const shared: ReplyFault[] = [];
    for (const fault of due) {
      if (fault.kind === "truncate") report = cutReport(report, fault.length);
      else if (isReplyFault(fault) && fault.kind !== "split") shared.push(fault);
    }
    let pieces = shapeReply(report, shared, { checksumAt: this.checksumAt }, delayMs);
    for (const fault of due) if (!isReplyFault(fault)) pieces = this.applyDeviceFault(pieces, fault);
    return pieces;
  }

  /** `interleave-log`: a LogView sample of channel 1 goes out just before the reply (USB only). */
  protected override applyDeviceFault(pieces: ReplyPiece[], fault: IChargerFault): ReplyPiece[] {
    if (fault.kind !== "interleave-log" || !this.usb) return pieces;
    this.counters.logReports++;
    const log = { bytes: encodeLogViewSample(this.device.channels[0]!.logSample()), delayMs: pieces[0]?.delayMs ?? 0 };
    return [log, ...pieces.map((p, i) => (i === 0 ? { ...p, delayMs: 0 } : p))];
  }

  /** Answers on `transport`: USB reports on `packet`, Modbus RTU on `stream`. */
  protected listen(transport: Transport): Unsubscribe {
    this.usb = transport.kind === "packet";
    const shape = (frame: Uint8Array): ReplyPiece[] => this.reply(frame);
    const front = this.usb
      ? new HidFront(transport, this.device, this.counters, shape, this.stalePadding, this.clock)
      : new RtuFront(transport, this.device, this.counters, shape, this.address, this.clock);
    return () => front.detach();
  }

  /** The reply's pieces after the due faults, counted. */
  private reply(frame: Uint8Array): ReplyPiece[] {
    const pieces = this.shape(frame);
    const untouched = pieces.length === 1 && pieces[0]!.bytes === frame && pieces[0]!.delayMs === 0;
    if (!untouched) this.counters.faulted++;
    if (pieces.length > 0) this.counters.replies++;
    return pieces;
  }
}

/** A USB report cut short at `length` bytes: its length byte says so; the bytes after stay as they were. */
function cutReport(report: Uint8Array, length: number): Uint8Array {
  const cut = report.slice();
  cut[0] = Math.max(0, Math.min(report[0]!, Math.floor(length)));
  return cut;
}
