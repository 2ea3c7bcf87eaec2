import { FrameDecoder, type Clock, type Transport, type Unsubscribe } from "@batt/core";
import { EXCEPTION_FLAG, encodeRtuFrame, rtuRequestParser, type RtuFrame } from "@batt/modbus-rtu";
import type { ChargerDevice } from "./charger-device.js";
import { writePieces, type ShapeReply } from "./reply-writer.js";
import { serveRequest } from "./request-service.js";
import type { SimulatorCounters } from "./sim-counters.js";

/**
 * The charger's UART side on a `stream` transport: Modbus RTU requests for its slave address (CRC
 * checked by the RTU request parser) answered through {@link serveRequest}; broadcasts (unit 0) are
 * carried out without a reply. Each reply frame goes through the simulator's faults.
 */
export class RtuFront {
  private readonly decoder = new FrameDecoder<RtuFrame>(rtuRequestParser);
  private readonly subscription: Unsubscribe;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    private readonly device: ChargerDevice,
    private readonly counters: SimulatorCounters,
    private readonly shape: ShapeReply,
    private readonly address: number,
    private readonly clock: Clock,
  ) {
    this.subscription = transport.onData((chunk) => {
      for (const event of this.decoder.push(chunk)) {
        if (event.type === "skipped") {
          this.counters.ignored += event.bytes.length;
          continue;
        }
        const frame = event.frame;
        if (frame.unit !== this.address && frame.unit !== 0) {
          this.counters.ignored++;
          continue;
        }
        this.work = this.work.then(() => this.answer(frame));
      }
    });
  }

  /** Stops answering. */
  detach(): void {
    this.subscription();
    this.decoder.flush();
  }

  private async answer(frame: RtuFrame): Promise<void> {
    this.counters.requests++;
    const reply = await serveRequest(this.device, frame.pdu, { unit: frame.unit, functionCode: frame.pdu[0] ?? 0, broadcast: frame.unit === 0 });
    if (frame.unit === 0) return;
    if (reply[0]! & EXCEPTION_FLAG) this.counters.exceptions++;
    await writePieces(this.transport, this.clock, this.shape(encodeRtuFrame(frame.unit, reply)));
  }
}
