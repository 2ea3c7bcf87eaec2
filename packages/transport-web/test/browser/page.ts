// Runs in the browser page. Bundled by the Node side of the tests and exposed as `globalThis.battWebTest`:
// the Node side calls `install()`, then runs contract cases and scenarios by name and asserts on the
// JSON they return.
import { isBattError, type BattError, type Transport } from "@batt/core";
import { collect, transportContract, type TransportPair } from "@batt/core/testing";
import {
  WebHidTransport,
  WebSerialTransport,
  grantedHidDevices,
  grantedSerialPorts,
  hasWebHid,
  hasWebSerial,
  requestIChargerDevice,
  requestSerialPort,
  serialPortLabel,
  webSerial,
  USB_SERIAL_ADAPTERS,
} from "../../src/index.js";
import { FakeHid } from "./fake-web-hid.js";
import { FakeSerial } from "./fake-web-serial.js";
import { CONTRACT_OPTIONS, type Outcome, type PageApi, type Suite } from "./page-api.js";

let serial = new FakeSerial();
let hid = new FakeHid();

/** Replaces the browser's `navigator.serial` and `navigator.hid` with fresh doubles. */
function install(): void {
  serial = new FakeSerial();
  hid = new FakeHid();
  Object.defineProperty(navigator, "serial", { value: serial, configurable: true });
  Object.defineProperty(navigator, "hid", { value: hid, configurable: true });
}

const pairs: Record<Suite, () => Promise<TransportPair>> = {
  "web-serial": async () => {
    const port = serial.plug({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    return { a: new WebSerialTransport(port, { baudRate: 115200 }), b: port.device };
  },
  "web-hid": async () => {
    const device = hid.plug(0x0483, 0x5751, "Junsi iCharger 308Duo USB HID");
    return { a: new WebHidTransport(device), b: device.peer };
  },
};

async function contract(suite: Suite, name: string): Promise<Outcome> {
  const found = transportContract(pairs[suite], CONTRACT_OPTIONS).find((c) => c.name === name);
  if (!found) return { ok: false, error: `no contract case "${name}"` };
  try {
    await found.run();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) };
  }
}

/** `{ code, message }` of a BattError, or a description of whatever else it is. */
function summary(error: unknown): { code: string; message: string } {
  if (isBattError(error)) return { code: error.code, message: error.message };
  return { code: `not a BattError: ${String(error)}`, message: "" };
}

async function failure(work: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await work();
  } catch (error) {
    return summary(error);
  }
  return { code: "no error", message: "" };
}

function nextClose(t: Transport): Promise<{ code: string; message: string } | null> {
  return new Promise((resolve) => {
    const off = t.onClose((reason?: BattError) => {
      off();
      resolve(reason ? summary(reason) : null);
    });
  });
}

const tick = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const joined = (chunks: Uint8Array[]): number[] => chunks.flatMap((c) => [...c]);

const scenarios: Record<string, () => Promise<unknown>> = {
  async "serial open settings"() {
    const port = serial.plug({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    const t = new WebSerialTransport(port, { baudRate: 9600, parity: "even" });
    await t.open();
    await t.close();
    const unknown = new WebSerialTransport(serial.plug({}), { baudRate: 19200, dataBits: 7, stopBits: 2, parity: "odd", bufferSize: 512 });
    return { description: t.info.description, opens: port.opens, unknownDescription: unknown.info.description, label: serialPortLabel(port) };
  },

  async "serial invalid settings"() {
    const port = serial.plug({});
    const make = (options: object) => () => new WebSerialTransport(port, options);
    return {
      dataBits: await failure(make({ dataBits: 5 })),
      parity: await failure(make({ parity: "mark" })),
      stopBits: await failure(make({ stopBits: 1.5 })),
      baudRate: await failure(make({ baudRate: 0 })),
      notAPort: await failure(() => new WebSerialTransport({} as never)),
      opens: port.opens.length,
    };
  },

  async "serial close releases the port"() {
    const port = serial.plug({ usbVendorId: 0x10c4, usbProductId: 0xea60 });
    const first = new WebSerialTransport(port);
    await port.device.open();
    await first.open();
    await first.write(Uint8Array.of(1, 2, 3));
    const lockedWhileOpen = { readable: port.readable?.locked ?? null, writable: port.writable?.locked ?? null };
    await first.close();
    const afterClose = { readable: port.readable, writable: port.writable, closes: port.closes };
    // A second transport on the same port opens only if the first released it completely.
    const second = new WebSerialTransport(port);
    await second.open();
    const got = collect(second, 2);
    await port.device.write(Uint8Array.of(0xaa, 0x55));
    const bytes = joined(await got);
    await second.close();
    return { lockedWhileOpen, afterClose, bytes, closes: port.closes };
  },

  async "serial port open elsewhere"() {
    const port = serial.plug({ usbVendorId: 0x0403, usbProductId: 0x6001 });
    await port.open({ baudRate: 9600 });
    const t = new WebSerialTransport(port);
    return { error: await failure(() => t.open()), isOpen: t.isOpen };
  },

  async "serial unplugged"() {
    const port = serial.plug({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    const t = new WebSerialTransport(port);
    await t.open();
    const closed = nextClose(t);
    port.unplug();
    const reason = await closed;
    await tick();
    return {
      reason,
      isOpen: t.isOpen,
      write: await failure(() => t.write(Uint8Array.of(1))),
      reopen: await failure(() => t.open()),
      closeAfter: await failure(() => t.close()),
    };
  },

  async "serial fatal read error"() {
    const port = serial.plug({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    const t = new WebSerialTransport(port);
    await t.open();
    const closed = nextClose(t);
    port.readFailure();
    const reason = await closed;
    await tick();
    // The port was closed in the background: it opens again.
    await t.open();
    const reopened = t.isOpen;
    await t.close();
    return { reason, reopened, closes: port.closes };
  },

  async "serial disconnect event for this port only"() {
    const port = serial.plug({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    const other = serial.plug({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    const t = new WebSerialTransport(port);
    await t.open();
    const reasons: unknown[] = [];
    t.onClose((r) => reasons.push(r ? summary(r) : null));
    serial.announce("disconnect", other);
    await tick();
    const afterOther = t.isOpen;
    serial.announce("disconnect", port);
    await tick();
    return { afterOther, afterThis: t.isOpen, reasons };
  },

  async "serial line error keeps the session"() {
    const port = serial.plug({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    const t = new WebSerialTransport(port);
    await Promise.all([t.open(), port.device.open()]);
    const reasons: unknown[] = [];
    t.onClose((r) => reasons.push(r ? summary(r) : null));
    const before = collect(t, 3);
    await port.device.write(Uint8Array.of(1, 2, 3));
    const first = joined(await before);
    port.lineError("ParityError");
    await tick();
    const after = collect(t, 3);
    await port.device.write(Uint8Array.of(4, 5, 6));
    const second = joined(await after);
    const state = { first, second, lineErrors: t.lineErrors, isOpen: t.isOpen, reasons: [...reasons] };
    await t.close();
    return state;
  },

  async "serial port picker"() {
    const ch340 = serial.plug({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    serial.plug({ usbVendorId: 0x2341, usbProductId: 0x0043 });
    const chosen = await requestSerialPort();
    const all = await requestSerialPort({ filters: [] });
    const granted = await grantedSerialPorts();
    const grantedCp210x = await grantedSerialPorts([{ usbVendorId: 0x10c4 }]);
    serial.choose = false;
    const cancelled = await failure(() => requestSerialPort());
    return {
      chosenIsCh340: chosen === ch340,
      label: serialPortLabel(chosen),
      requests: serial.requests,
      table: USB_SERIAL_ADAPTERS,
      allLabel: serialPortLabel(all),
      granted: granted.map(serialPortLabel),
      grantedCp210x: grantedCp210x.length,
      cancelled,
    };
  },

  async "hid reports"() {
    const device = hid.plug(0x0483, 0x5751, "Junsi iCharger 308Duo USB HID");
    const t = new WebHidTransport(device);
    await Promise.all([t.open(), device.peer.open()]);
    const atDevice = collect(device.peer, 1);
    await t.write(Uint8Array.of(0x07, 0x30, 0x04, 0x00, 0x00, 0x00, 0x0a));
    const deviceGot = await atDevice;
    const reply = Uint8Array.from({ length: 64 }, (_, i) => i);
    const unnumbered = collect(t, 1);
    await device.peer.write(reply);
    const hostGot = await unnumbered;
    device.peer.inputReportId = 3;
    const numbered = collect(t, 1);
    await device.peer.write(reply);
    const hostNumbered = await numbered;
    const tooLong = await failure(() => t.write(new Uint8Array(65)));
    await t.close();
    const numberedOut = new WebHidTransport(device, { reportId: 2, reportSize: 8 });
    await numberedOut.open();
    await numberedOut.write(Uint8Array.of(9));
    await numberedOut.close();
    return {
      description: t.info.description,
      info: t.info,
      sent: device.sent.map((r) => ({ reportId: r.reportId, data: [...r.data] })),
      deviceGot: deviceGot.map((r) => r.length),
      hostGot: hostGot.map((r) => [...r]),
      hostNumbered: hostNumbered.map((r) => [...r]),
      tooLong,
      opened: device.opened,
      closes: device.closes,
    };
  },

  async "hid invalid options"() {
    const device = hid.plug(0x0483, 0x5751, "Junsi iCharger 308Duo USB HID");
    return {
      reportId: await failure(() => new WebHidTransport(device, { reportId: 256 })),
      reportSize: await failure(() => new WebHidTransport(device, { reportSize: 0 })),
      notADevice: await failure(() => new WebHidTransport({} as never)),
    };
  },

  async "hid device open already"() {
    const device = hid.plug(0x0483, 0x5751, "Junsi iCharger 308Duo USB HID");
    await device.open();
    const t = new WebHidTransport(device);
    await t.open();
    const state = { isOpen: t.isOpen, opens: device.opens };
    await t.close();
    return { ...state, opened: device.opened };
  },

  async "hid unplugged"() {
    const device = hid.plug(0x0483, 0x5751, "Junsi iCharger 308Duo USB HID");
    const other = hid.plug(0x0483, 0x5751, "Junsi iCharger 4010Duo USB HID");
    const t = new WebHidTransport(device);
    await t.open();
    const closed = nextClose(t);
    other.unplug();
    await tick();
    const afterOther = t.isOpen;
    device.unplug();
    const reason = await closed;
    return {
      afterOther,
      reason,
      isOpen: t.isOpen,
      write: await failure(() => t.write(Uint8Array.of(1))),
      reopen: await failure(() => t.open()),
    };
  },

  async "hid device picker"() {
    hid.plug(0x046d, 0xc52b, "USB Receiver");
    const charger = hid.plug(0x0483, 0x5751, "Junsi iCharger X6 USB HID");
    const chosen = await requestIChargerDevice();
    const granted = await grantedHidDevices([{ vendorId: 0x0483, productId: 0x5751 }]);
    const grantedOther = await grantedHidDevices([{ vendorId: 0x046d }]);
    hid.choose = false;
    const cancelled = await failure(() => requestIChargerDevice());
    return {
      chosenIsCharger: chosen === charger,
      requests: hid.requests,
      granted: granted.map((d) => d.productName),
      grantedOther: grantedOther.length,
      cancelled,
    };
  },
};

/** What the page's own browser offers, without doubles (feature detection and error mapping). */
async function probe(): Promise<unknown> {
  // Both pickers are asked for at once, before any await: code the test driver runs in the page later
  // counts as a user gesture and would let a picker open.
  const serialPicker = failure(() => requestSerialPort());
  const hidPicker = failure(() => requestIChargerDevice());
  return {
    secure: isSecureContext,
    hasWebSerial: hasWebSerial(),
    hasWebHid: hasWebHid(),
    webSerial: await failure(() => webSerial()),
    requestSerialPort: await serialPicker,
    grantedSerialPorts: await grantedSerialPorts().then((ports) => ports.length, summary),
    requestIChargerDevice: await hidPicker,
    grantedHidDevices: await grantedHidDevices().then((devices) => devices.length, summary),
  };
}

/** Removes WebSerial and WebHID from this page, as in a browser that has neither. */
function removeApis(): void {
  for (const name of ["serial", "hid"]) {
    Object.defineProperty(navigator, name, { value: undefined, configurable: true });
  }
}

const api: PageApi = {
  install,
  removeApis,
  contract,
  scenarioNames: () => Object.keys(scenarios),
  scenario: async (name) => {
    const run = scenarios[name];
    if (!run) throw new Error(`no scenario "${name}"`);
    return JSON.parse(JSON.stringify(await run())) as unknown;
  },
  probe,
};
(globalThis as { battWebTest?: PageApi }).battWebTest = api;

// `?probe` runs the probe at load, outside any user gesture (code run by the test driver counts as one,
// and would open a real picker that nobody closes).
if (location.search === "?probe") {
  void probe().then((result) => {
    api.probeResult = result;
  });
}
