import { FrameDecoder, type Clock, type Transport, type Unsubscribe } from "@batt/core";
import { EXCEPTION_FLAG } from "@batt/modbus-rtu";
import { ICHARGER_USB } from "../usb-identity.js";
import { HID_HEADER_LENGTH, HidReportType, hidReportParser, type HidReport } from "../hid/hid-report.js";
import type { ChargerDevice } from "./charger-device.js";
import { writePieces, type ShapeReply } from "./reply-writer.js";
import { serveRequest } from "./request-service.js";
import type { SimulatorCounters } from "./sim-counters.js";

/**
 * The charger's USB side on a `packet` transport: each 64-byte report is parsed with the HID report
 * parser, answered through {@link serveRequest}, and the reply is written over the request's own
 * buffer, so bytes past the reply's length are stale request bytes — as the real charger does
 * (docs/protocols/icharger.md#hid-report-frame). The whole 64-byte report goes through the
 * simulator's faults; LogView reports go out as their own reports.
 */
export class HidFront {
  private readonly decoder = new FrameDecoder<HidReport>(hidReportParser, { mode: "packet" });
  private readonly subscription: Unsubscribe;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    private readonly device: ChargerDevice,
    private readonly counters: SimulatorCounters,
    private readonly shape: ShapeReply,
    private readonly stalePadding: boolean,
    private readonly clock: Clock,
  ) {
    this.subscription = transport.onData((report) => {
      for (const event of this.decoder.push(report)) {
        if (event.type === "skipped" || event.frame.kind !== "modbus") {
          this.counters.ignored++;
          continue;
        }
        const request = event.frame;
        const buffer = report.slice(0, ICHARGER_USB.reportSize);
        this.work = this.work.then(() => this.answer(request.pdu, buffer));
      }
    });
    device.onLog = (bytes) => this.sendLog(bytes);
  }

  /** Stops answering and sending LogView reports. */
  detach(): void {
    this.subscription();
    if (this.device.onLog) this.device.onLog = undefined;
  }

  private async answer(pdu: Uint8Array, requestReport: Uint8Array): Promise<void> {
    this.counters.requests++;
    const reply = await serveRequest(this.device, pdu, { unit: 0, functionCode: pdu[0] ?? 0, broadcast: false });
    const report = new Uint8Array(ICHARGER_USB.reportSize);
    if (this.stalePadding) report.set(requestReport);
    report[0] = reply.length + HID_HEADER_LENGTH;
    report[1] = HidReportType.Modbus;
    report.set(reply, HID_HEADER_LENGTH);
    if (reply[0]! & EXCEPTION_FLAG) this.counters.exceptions++;
    await writePieces(this.transport, this.clock, this.shape(report));
  }

  private sendLog(bytes: Uint8Array): void {
    this.counters.logReports++;
    this.work = this.work.then(() => this.transport.write(bytes).catch(() => undefined));
  }
}
