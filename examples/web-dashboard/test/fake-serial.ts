// A stand-in WebSerial adapter for the browser tests, and the JBD bytes it answers with.

/** JBD checksum: 0x10000 − Σ(status, length, data). */
export function jbdFrame(register: number, data: readonly number[]): string {
  const body = [0x00, data.length, ...data];
  const sum = (0x10000 - body.reduce((a, b) => a + b, 0)) & 0xffff;
  return [0xdd, register, ...body, sum >> 8, sum & 0xff, 0x77].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(" ");
}

/** Request → reply of a JBD-SP04S034 (docs/protocols/jbd.md#device-captures; the model name reply follows docs/protocols/jbd.md#device-model-0x05). */
export const CAPTURED_JBD: [string, string][] = [
  ["DD A5 03 00 FF FD 77", "DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77"],
  ["DD A5 04 00 FF FC 77", "DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77"],
  ["DD A5 05 00 FF FB 77", jbdFrame(0x05, [..."JBD-SP04S034-L4S-200A-B-U"].map((c) => c.charCodeAt(0)))],
];

/** What the fake adapter records in the page. */
export interface FakeAdapterWindow {
  fakeAdapter: { opens: unknown[]; closes: number; written: string[] };
}

/**
 * Runs in the page before its scripts: a `navigator.serial` with one CH340 port whose far end answers
 * the requests in `replies` (hex) byte for byte, split in two chunks as a USB adapter may deliver them.
 * Like Chromium, close() fails while a stream is locked.
 */
export function installFakeAdapter(replies: [string, string][]): void {
  const toBytes = (hex: string): Uint8Array => Uint8Array.from(hex.split(" ").map((h) => parseInt(h, 16)));
  const table = new Map(replies.map(([request, reply]) => [request, toBytes(reply)]));
  const state: FakeAdapterWindow["fakeAdapter"] = { opens: [], closes: 0, written: [] };
  (globalThis as unknown as FakeAdapterWindow).fakeAdapter = state;
  let granted = false;
  class FakePort extends EventTarget {
    readable: ReadableStream<Uint8Array> | null = null;
    writable: WritableStream<Uint8Array> | null = null;
    getInfo() {
      return { usbVendorId: 0x1a86, usbProductId: 0x7523 };
    }
    async open(options: unknown) {
      if (this.readable) throw new DOMException("The port is already open.", "InvalidStateError");
      state.opens.push(options);
      let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
      this.readable = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: () => void (controller = undefined) });
      this.writable = new WritableStream<Uint8Array>({
        write: (chunk) => {
          const key = [...chunk].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(" ");
          state.written.push(key);
          const reply = table.get(key);
          if (reply) {
            setTimeout(() => controller?.enqueue(reply.slice(0, 10)), 5);
            setTimeout(() => controller?.enqueue(reply.slice(10)), 10);
          }
        },
      });
    }
    async close() {
      if (this.readable?.locked || this.writable?.locked) throw new TypeError("Failed to execute 'close' on 'SerialPort': Cannot cancel a locked stream");
      await this.readable?.cancel();
      await this.writable?.close();
      this.readable = null;
      this.writable = null;
      state.closes++;
    }
  }
  const port = new FakePort();
  const serial = Object.assign(new EventTarget(), {
    requestPort: async () => {
      granted = true;
      return port;
    },
    getPorts: async () => (granted ? [port] : []),
  });
  Object.defineProperty(navigator, "serial", { value: serial, configurable: true });
}
