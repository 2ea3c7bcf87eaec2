import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Builds the dashboard as a person would (`vite build`), serves the static files from 127.0.0.1 and
// drives the demo in headless Chromium: no network, no hardware.
const DASHBOARD = fileURLToPath(new URL("..", import.meta.url));
const SCREENSHOTS = resolve(DASHBOARD, "../../.bench-out");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".map": "application/json", ".svg": "image/svg+xml" };

let outDir: string;
let server: Server;
let url: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

function serveStatic(root: string): Promise<Server> {
  const srv = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = normalize(join(root, path === "/" ? "index.html" : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { "content-type": `${TYPES[extname(file)] ?? "application/octet-stream"}; charset=utf-8` }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((done) => srv.listen(0, "127.0.0.1", () => done(srv)));
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "batt-dashboard-"));
  const launching = chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  await build({ root: DASHBOARD, configFile: join(DASHBOARD, "vite.config.ts"), logLevel: "silent", build: { outDir, emptyOutDir: true } });
  server = await serveStatic(outDir);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launching;
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (msg) => {
    if (msg.type() === "error") pageErrors.push(msg.text());
  });
  await page.goto(url);
  // The device menu is filled once the device packages' plugins are loaded.
  await page.waitForSelector("body[data-ready]");
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const text = (selector: string): Promise<string> => page.locator(selector).first().innerText();

/** JBD checksum: 0x10000 − Σ(status, length, data). */
function jbdFrame(register: number, data: readonly number[]): string {
  const body = [0x00, data.length, ...data];
  const sum = (0x10000 - body.reduce((a, b) => a + b, 0)) & 0xffff;
  return [0xdd, register, ...body, sum >> 8, sum & 0xff, 0x77].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(" ");
}

/** Request → reply of a JBD-SP04S034 (docs/protocols/jbd.md#device-captures; the model name reply follows docs/protocols/jbd.md#device-model-0x05). */
const CAPTURED_JBD: [string, string][] = [
  ["DD A5 03 00 FF FD 77", "DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77"],
  ["DD A5 04 00 FF FC 77", "DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77"],
  ["DD A5 05 00 FF FB 77", jbdFrame(0x05, [..."JBD-SP04S034-L4S-200A-B-U"].map((c) => c.charCodeAt(0)))],
];

/** What the fake adapter records in the page. */
interface FakeAdapterWindow {
  fakeAdapter: { opens: unknown[]; closes: number; written: string[] };
}

/**
 * Runs in the page before its scripts: a `navigator.serial` with one CH340 port whose far end answers
 * the requests in `replies` (hex) byte for byte, split in two chunks as a USB adapter may deliver them.
 * Like Chromium, close() fails while a stream is locked.
 */
function installFakeAdapter(replies: [string, string][]): void {
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

/** What each device's demo must put on screen, per battery panel. */
interface ChannelExpectation {
  readonly cells: number;
  /** Plausible cell voltages of the simulated chemistry, V. */
  readonly cellVolts: readonly [number, number];
  readonly temperatures: number;
  readonly switches: readonly string[];
  readonly soc: boolean;
}

const LFP: readonly [number, number] = [3.0, 3.65];
const BMS = (cells: number, temperatures: number): ChannelExpectation => ({ cells, cellVolts: LFP, temperatures, switches: ["Charge", "Discharge"], soc: true });
const ICHARGER: ChannelExpectation = { cells: 4, cellVolts: [3.3, 4.25], temperatures: 1, switches: ["Charge", "Discharge", "Balancing", "Dialog box open"], soc: false };

/** Every menu entry, its plugin's title, and what its demo (the plugin's own simulator) shows. */
const DEMOS: readonly { id: string; title: string; channels: readonly ChannelExpectation[]; device: readonly string[] }[] = [
  { id: "jbd", title: "JBD / Xiaoxiang / Overkill Solar BMS", channels: [BMS(4, 2)], device: ["Cycles", "Balancing"] },
  { id: "jk", title: "JK BMS (4E57)", channels: [BMS(16, 2)], device: ["MOSFET temperature", "Charge switch"] },
  { id: "jk-pb", title: "JK BMS (JK-PB, packs 1 and 2)", channels: [BMS(16, 5), BMS(16, 5)], device: [] },
  { id: "icharger", title: "Junsi iCharger", channels: [ICHARGER, ICHARGER], device: ["Input voltage"] },
  { id: "voltaic", title: "Voltaic Systems solar charge controller", channels: [{ cells: 0, cellVolts: LFP, temperatures: 0, switches: [], soc: true }], device: ["PV voltage", "Load output"] },
  { id: "evcharger", title: "SolaX-type AC EV charger", channels: [], device: ["State", "L1 voltage", "Lifetime energy"] },
];

const readingsShown = (): Promise<string | null> => page.locator("#status").getAttribute("data-readings");

async function checkChannel(index: number, expected: ChannelExpectation): Promise<void> {
  const channel = `[data-channel="${index}"]`;
  expect(await page.locator(`${channel} .cells-chart rect.cell-bar`).count()).toBe(expected.cells);
  const cells = (await page.locator(`${channel} .cells-chart .cell-value`).allTextContents()).map(Number);
  expect(cells).toHaveLength(expected.cells);
  for (const v of cells) {
    expect(v).toBeGreaterThan(expected.cellVolts[0]);
    expect(v).toBeLessThan(expected.cellVolts[1]);
  }
  const voltage = await text(`${channel} [data-field="voltage"]`);
  expect(voltage).toMatch(/^\d+\.\d\d V$/);
  if (expected.cells > 0) {
    const min = Math.min(...cells);
    const max = Math.max(...cells);
    // The lowest and highest cell are marked, unless all cells are equal.
    expect(await page.locator(`${channel} .cell.min`).count()).toBe(max > min ? 1 : 0);
    expect(await page.locator(`${channel} .cell.max`).count()).toBe(max > min ? 1 : 0);
    expect(await text(`${channel} [data-field="cell-min"]`)).toContain(`min ${min.toFixed(3)} V`);
    expect(await text(`${channel} [data-field="cell-max"]`)).toContain(`max ${max.toFixed(3)} V`);
    expect(await text(`${channel} [data-field="cell-delta"]`)).toBe(`Δ ${Math.round((max - min) * 1000)} mV`);
    // The pack (or output) voltage is about the sum of the cells: both come from the simulator's one pack.
    expect(Math.abs(parseFloat(voltage) - cells.reduce((a, b) => a + b, 0))).toBeLessThan(0.15);
  }
  expect(await text(`${channel} [data-field="current"]`)).toMatch(/^[+−]?\d+\.\d\d A$/);
  expect(await text(`${channel} [data-field="power"]`)).toMatch(/^[+−]?\d+ W$/);
  const soc = page.locator(`${channel} [data-field="soc"]`);
  if (expected.soc) {
    expect(await soc.innerText()).toMatch(/^\d+ %$/);
    expect(parseInt(await soc.innerText(), 10)).toBeGreaterThan(0);
  } else {
    expect(await soc.isHidden()).toBe(true);
  }

  const temperatures = await page.locator(`${channel} [data-field="temperatures"] li`).allInnerTexts();
  expect(temperatures.map((t) => t.replace(/\s+/g, " "))).toEqual(Array.from({ length: expected.temperatures }, (_, i) => expect.stringMatching(new RegExp(`^T${i + 1} -?\\d+\\.\\d °C$`))));

  const switches = (await page.locator(`${channel} [data-field="switches"] li`).allInnerTexts()).map((s) => s.replace(/\s+/g, " "));
  expect(switches.map((s) => s.replace(/ (ON|OFF)$/, ""))).toEqual(expected.switches);
  for (const s of switches) expect(s).toMatch(/ (ON|OFF)$/);

  // An alarm list is always there: the active ones, or "None".
  const alarms = await page.locator(`${channel} [data-field="alarms"] li`).allInnerTexts();
  expect(alarms.length).toBeGreaterThan(0);
  for (const series of ["voltage", "current"]) {
    expect(await page.locator(`${channel} .history-chart polyline[data-series="${series}"]`).count()).toBe(1);
  }
}

describe("web dashboard (built with vite, in headless Chromium)", () => {
  it("offers every device and, in a secure context, the port picker", async () => {
    expect(await page.locator("#device option").allInnerTexts()).toEqual(DEMOS.map((d) => d.title));
    expect(await page.locator("#device option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(DEMOS.map((d) => d.id));
    expect(await page.locator("#connect").isEnabled()).toBe(true);
    expect(await page.locator("#notice").isHidden()).toBe(true);
    // JBD and JK modules are offered over Bluetooth too; this Chromium has no Web Bluetooth unless a flag turns it on, and the button says why.
    expect(await page.locator("#connect-ble").isVisible()).toBe(true);
    expect(await page.locator("#connect-ble").isDisabled()).toBe(true);
    expect(await page.locator("#connect-ble").getAttribute("title")).toMatch(/Web Bluetooth/);
    await page.selectOption("#device", "voltaic");
    await page.waitForSelector("#connect-ble[hidden]", { state: "attached" });
    await page.selectOption("#device", "jbd");
    expect(await page.locator("#status").getAttribute("data-state")).toBe("idle");
  });

  for (const demo of DEMOS) {
    it(`${demo.id} demo: every battery's panel and the device's own measurements, live from the plugin's simulator`, async () => {
      await page.selectOption("#device", demo.id);
      await page.click("#demo");
      await page.waitForSelector('#status[data-state="live"]', { timeout: 10_000 });
      // A few polls, so that the history has a line to draw.
      await page.waitForFunction(
        (n) => Array.from(document.querySelectorAll('polyline[data-series="voltage"]')).every((p) => (p.getAttribute("points")?.split(" ").length ?? 0) >= 4) && document.querySelectorAll("[data-channel]").length === n,
        demo.channels.length,
        { polling: 100, timeout: 10_000 },
      );
      expect(await page.locator("[data-channel]").count()).toBe(demo.channels.length);
      for (const [i, expected] of demo.channels.entries()) await checkChannel(i, expected);
      const deviceLabels = await page.locator('[data-field="device"] dt').allInnerTexts();
      for (const label of demo.device) expect(deviceLabels).toContain(label);
      expect(await page.locator("[data-device]").isHidden()).toBe(demo.device.length === 0);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `web-dashboard-${demo.id}.png`), fullPage: true });

      // Readings keep coming while the demo runs: the status line counts them.
      const before = await readingsShown();
      await page.waitForFunction((old) => document.querySelector("#status")?.getAttribute("data-readings") !== old, before, { polling: 100, timeout: 5000 });

      await page.click("#disconnect");
      await page.waitForSelector('#status[data-state="idle"]');
      expect(await page.locator("#demo").isEnabled()).toBe(true);
      expect(await page.locator("#disconnect").isDisabled()).toBe(true);
    });
  }

  it("connect: a JBD behind a WebSerial adapter (captured replies) is shown, released on disconnect and reconnected", async () => {
    const real = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    real.on("pageerror", (error) => pageErrors.push(error.message));
    try {
      await real.addInitScript(installFakeAdapter, CAPTURED_JBD);
      await real.goto(url);
      await real.waitForSelector("body[data-ready]");
      await real.click("#connect");
      await real.waitForSelector('#status[data-state="live"]', { timeout: 10_000 });
      const at = (field: string) => real.locator(`[data-channel="0"] [data-field="${field}"]`).innerText();
      expect(await real.locator("#status").innerText()).toBe("JBD-SP04S034-L4S-200A-B-U · CH340 1a86:7523");
      expect(await real.locator("#link-info").innerText()).toBe("Link: webserial CH340 1a86:7523 9600 8N1.");
      // The values of the capture (docs/protocols/jbd.md#basic-info-capture, docs/protocols/jbd.md#cell-voltages-capture).
      expect(await at("voltage")).toBe("15.60 V");
      expect(await at("current")).toBe("0.00 A");
      expect(await at("soc")).toBe("100 %");
      expect(await real.locator('[data-channel="0"] .cell-value').allTextContents()).toEqual(["3.909", "3.901", "3.895", "3.901"]);
      expect((await real.locator('[data-field="temperatures"] li').allInnerTexts()).map((t) => t.replace(/\s+/g, " "))).toEqual(["T1 22.4 °C", "T2 22.3 °C", "T3 21.7 °C"]);
      expect((await real.locator('[data-field="switches"] li').allInnerTexts()).map((t) => t.replace(/\s+/g, " "))).toEqual(["Charge ON", "Discharge ON"]);
      expect(await real.locator('[data-field="alarms"] li').allInnerTexts()).toEqual(["None"]);
      const opened = await real.evaluate(() => (globalThis as unknown as FakeAdapterWindow).fakeAdapter);
      expect(opened.opens[0]).toEqual({ baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1, bufferSize: 4096, flowControl: "none" });
      // Basic info, cells, and the model name once (with the first reading only: 0x05 upsets some units).
      expect(opened.written.slice(0, 3).sort()).toEqual(["DD A5 03 00 FF FD 77", "DD A5 04 00 FF FC 77", "DD A5 05 00 FF FB 77"]);
      expect(opened.written.filter((w) => w === "DD A5 05 00 FF FB 77")).toHaveLength(1);

      await real.click("#disconnect");
      await real.waitForSelector('#status[data-state="idle"]');
      expect(await real.evaluate(() => (globalThis as unknown as FakeAdapterWindow).fakeAdapter.closes)).toBe(1);
      // The port stays granted: reconnecting needs no picker.
      await real.waitForSelector("#reconnect:not([hidden])");
      expect(await real.locator("#reconnect").innerText()).toBe("Reconnect CH340 1a86:7523");
      await real.click("#reconnect");
      await real.waitForSelector('#status[data-state="live"]', { timeout: 10_000 });
      expect(await real.evaluate(() => (globalThis as unknown as FakeAdapterWindow).fakeAdapter.opens.length)).toBe(2);
    } finally {
      await real.close();
    }
  });

  it("Connect over Bluetooth asks the browser's chooser for the device's module (its GATT service) and takes a cancel calmly", async () => {
    const ble = await browser.newPage();
    try {
      // A browser with Web Bluetooth whose chooser the user closes: the request is recorded, the page stays usable.
      await ble.addInitScript(() => {
        const requests: unknown[] = [];
        (globalThis as unknown as { bleRequests: unknown[] }).bleRequests = requests;
        const bluetooth = Object.assign(new EventTarget(), {
          getAvailability: async () => true,
          requestDevice: async (options: unknown) => {
            requests.push(options);
            throw new DOMException("User cancelled the requestDevice() chooser.", "NotFoundError");
          },
        });
        Object.defineProperty(navigator, "bluetooth", { value: bluetooth, configurable: true });
      });
      await ble.goto(url);
      await ble.waitForSelector("body[data-ready]");
      await ble.waitForSelector("#connect-ble:not([disabled])");
      await ble.click("#connect-ble");
      await ble.waitForFunction(() => (globalThis as unknown as { bleRequests: unknown[] }).bleRequests.length === 1, undefined, { polling: 50 });
      const [request] = await ble.evaluate(() => (globalThis as unknown as { bleRequests: unknown[] }).bleRequests);
      expect(JSON.stringify(request)).toMatch(/0000ff00-0000-1000-8000-00805f9b34fb/);
      await ble.waitForFunction(() => document.querySelector("#status")?.getAttribute("data-state") !== "connecting", undefined, { polling: 50 });
      expect(await ble.locator("#status").getAttribute("data-state")).toBe("idle");
      expect(await ble.locator("#connect-ble").isEnabled()).toBe(true);
    } finally {
      await ble.close();
    }
  });

  it("after disconnect nothing is polled any more", async () => {
    const shown = await readingsShown();
    await page.waitForTimeout(1200);
    expect(await readingsShown()).toBe(shown);
  });

  it("a browser without WebSerial or WebHID says so and keeps the demo available", async () => {
    const bare = await browser.newPage();
    try {
      // As in Firefox or Safari (or a page that is not a secure context): the APIs are missing.
      await bare.addInitScript(() => {
        for (const name of ["serial", "hid"]) Object.defineProperty(Navigator.prototype, name, { value: undefined, configurable: true });
      });
      await bare.goto(url);
      await bare.waitForSelector("body[data-ready]");
      await bare.waitForSelector("#notice:not([hidden])");
      expect(await bare.locator("#notice").innerText()).toMatch(/no WebSerial.*Chromium-based desktop browsers.*demo works/s);
      expect(await bare.locator("#connect").isDisabled()).toBe(true);
      expect(await bare.locator("#demo").isEnabled()).toBe(true);
      await bare.selectOption("#device", "icharger");
      await bare.waitForFunction(() => /no WebHID/.test(document.querySelector("#notice")?.textContent ?? ""), undefined, { polling: 50 });
    } finally {
      await bare.close();
    }
  });

  it("left no errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
