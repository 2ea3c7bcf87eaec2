import {
  BattError,
  INCOMPLETE,
  invalid,
  makeReading,
  measure,
  parseError,
  RequestEngine,
  sum8,
  systemClock,
  type Clock,
  type DevicePlugin,
  type DeviceSession,
  type FrameParser,
  type ParseResult,
  type Transport,
} from "@batt/core";

// A toy device for testing the plugin mechanism. Wire protocol:
//   "?"  (3f)           -> 21 hi lo sum   voltage in mV, sum8 over the first three bytes
//   "S" hi lo (53 ..)   -> 06             set the voltage
type ToyFrame = { kind: "voltage"; millivolts: number } | { kind: "ack" };

const parser: FrameParser<ToyFrame> = {
  parse(buf): ParseResult<ToyFrame> {
    if (buf[0] === 0x06) return { kind: "frame", frame: { kind: "ack" }, length: 1 };
    if (buf[0] !== 0x21) return invalid(1, "frame", `unexpected byte ${buf[0]}`);
    if (buf.length < 4) return INCOMPLETE;
    if (sum8(buf.subarray(0, 3)) !== buf[3]) return invalid(1, "checksum", "toy sum mismatch");
    return { kind: "frame", frame: { kind: "voltage", millivolts: (buf[1]! << 8) | buf[2]! }, length: 4 };
  },
};

/** The toy's own reading. */
export interface ToyReading {
  readonly millivolts: number;
  readonly cellMillivolts: number;
}

interface ToySession extends DeviceSession<ToyReading> {
  setVoltage(millivolts: number, signal?: AbortSignal): Promise<void>;
}

/** State of the simulated toy device, shared by every simulator the plugin starts. */
export interface ToyState {
  millivolts: number;
  /** Frames the simulator received. */
  requests: number;
}

/** A fresh toy plugin and the state of its simulator. */
export function createToyPlugin(clock: Clock = systemClock): { plugin: DevicePlugin<ToyReading>; state: ToyState } {
  const state: ToyState = { millivolts: 13250, requests: 0 };
  const plugin: DevicePlugin<ToyReading> = {
    id: "toy",
    title: "Toy BMS",
    category: "bms",
    link: { kind: "serial", baudRate: 19200 },
    options: [{ name: "cells", type: "string", description: "cells in series", default: "4" }],
    async connect(transport: Transport, options): Promise<ToySession> {
      const engine = new RequestEngine<ToyFrame>(transport, { parser, timeoutMs: 200 });
      const cells = Number(options["cells"]);
      return {
        async read(signal) {
          const frame = await engine.request({ request: Uint8Array.of(0x3f), match: (f) => (f.kind === "voltage" ? "reply" : "ignore"), ...(signal ? { signal } : {}) });
          const millivolts = frame.kind === "voltage" ? frame.millivolts : 0;
          const cellMillivolts = Math.round(millivolts / cells);
          return makeReading(clock, {
            device: { driver: "toy", category: "bms", model: "Toy" },
            measurements: [measure("voltage", "Voltage", "voltage", millivolts / 1000, { decimals: 3 }), measure("cell", "Cell", "voltage", cellMillivolts / 1000, { decimals: 3 })],
            reading: { millivolts, cellMillivolts },
          });
        },
        async setVoltage(millivolts, signal) {
          await engine.request({ request: Uint8Array.of(0x53, millivolts >> 8, millivolts & 0xff), match: (f) => (f.kind === "ack" ? "reply" : "ignore"), ...(signal ? { signal } : {}) });
        },
        async close() {
          engine.dispose();
        },
      };
    },
    decode(bytes) {
      const result = parser.parse(bytes);
      if (result.kind === "invalid") throw parseError(result, bytes);
      if (result.kind === "incomplete" || result.length !== bytes.length) throw new BattError("frame", `a toy frame is 1 or 4 bytes, got ${bytes.length}`);
      return result.frame;
    },
    async simulate(transport) {
      let pending: number[] = [];
      const stop = transport.onData((chunk) => {
        pending.push(...chunk);
        while (pending.length > 0) {
          if (pending[0] === 0x3f) {
            state.requests++;
            pending = pending.slice(1);
            const head = [0x21, state.millivolts >> 8, state.millivolts & 0xff];
            void transport.write(Uint8Array.from([...head, sum8(Uint8Array.from(head))]));
          } else if (pending[0] === 0x53) {
            if (pending.length < 3) return;
            state.requests++;
            state.millivolts = (pending[1]! << 8) | pending[2]!;
            pending = pending.slice(3);
            void transport.write(Uint8Array.of(0x06));
          } else {
            pending = pending.slice(1);
          }
        }
      });
      return { stop: async () => stop() };
    },
    commands: [
      {
        name: "set voltage",
        summary: "set the pack voltage",
        usage: "<millivolts>",
        changesDevice: true,
        async run({ session, args, signal, log }) {
          const millivolts = Number(args[0]);
          if (!Number.isInteger(millivolts) || millivolts < 0 || millivolts > 0xffff) throw new BattError("invalid-argument", `millivolts must be 0..65535, got "${args[0]}"`);
          log(`setting ${millivolts} mV`);
          await (session as ToySession).setVoltage(millivolts, signal);
          return { millivolts };
        },
      },
      {
        name: "note",
        summary: "return the text it is given",
        usage: "<text>",
        changesDevice: false,
        async run({ args }) {
          return args[0] ?? "";
        },
      },
      {
        name: "calibrate",
        summary: "show the calibration, or change it with --apply",
        changesDevice: (options) => options["apply"] === true,
        options: [{ name: "apply", type: "boolean", description: "write the calibration" }],
        async run({ options }) {
          return { applied: options["apply"] === true };
        },
      },
      {
        name: "info",
        summary: "show what the plugin knows",
        changesDevice: false,
        options: [{ name: "detail", type: "boolean", description: "more detail" }],
        async run({ options }) {
          return { model: "toy", cells: options["cells"], detail: options["detail"] ?? false };
        },
      },
    ],
  };
  return { plugin, state };
}
