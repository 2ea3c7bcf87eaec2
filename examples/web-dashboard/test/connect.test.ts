import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CAPTURED_JBD, installFakeAdapter, jbdFrame, type FakeAdapterWindow } from "./fake-serial.js";
import { dashboardForFile } from "./harness.js";
import { COLOURS, colours } from "./page-checks.js";

// Connecting to a device through the browser's APIs, with stand-ins for them: a WebSerial adapter
// answering with bytes captured from a real JBD BMS, a Web Bluetooth chooser the person closes, and a
// browser without the APIs (Firefox, Safari).

const dashboard = dashboardForFile();

/**
 * The captured JBD's basic info with a cell over-voltage protection active (protection word, offset 16,
 * bit 0) and the charge MOSFET off as the BMS switches it (FET byte, offset 20: 0x02, discharge only).
 */
const PROTECTED_JBD: [string, string][] = CAPTURED_JBD.map(([request, reply]) => {
  if (request !== "DD A5 03 00 FF FD 77") return [request, reply];
  const data = reply.split(" ").slice(4, -3).map((h) => parseInt(h, 16));
  data[17] = 0x01;
  data[20] = 0x02;
  return [request, jbdFrame(0x03, data)];
});

const lines = async (page: Page, selector: string): Promise<string[]> => (await page.locator(selector).allInnerTexts()).map((t) => t.replace(/\s+/g, " "));

describe("connecting (stand-ins for WebSerial, Web Bluetooth, and their absence)", () => {
  it("a Chromium with WebSerial: the port picker is offered, the notice stays away", async () => {
    const page = await dashboard.open("desktop");
    try {
      expect(await page.locator("#connect").isEnabled()).toBe(true);
      expect(await page.locator("#connect").innerText()).toBe("Connect USB serial…");
      expect(await page.locator("#welcome-connect").isEnabled()).toBe(true);
      expect(await page.locator("#welcome-link").innerText()).toMatch(/USB-serial adapter .*9600 baud.*Bluetooth module/);
      expect(await page.locator("#notice").isHidden()).toBe(true);
      // JBD and JK modules are offered over Bluetooth too; this Chromium has no Web Bluetooth unless a flag turns it on, and the button says why.
      expect(await page.locator("#connect-ble").isVisible()).toBe(true);
      expect(await page.locator("#connect-ble").isDisabled()).toBe(true);
      expect(await page.locator("#connect-ble").getAttribute("title")).toMatch(/no Web Bluetooth.*Chrome, Edge or Opera/);
      await page.selectOption("#device", "voltaic");
      await page.waitForSelector("#connect-ble[hidden]", { state: "attached" });
      expect(await page.locator("#welcome-ble").isHidden()).toBe(true);
      // The iCharger is a USB HID device.
      await page.selectOption("#device", "icharger");
      await page.waitForFunction(() => document.querySelector("#connect")?.textContent === "Connect USB…", undefined, { polling: 50 });
      expect(await page.locator("#welcome-link").innerText()).toMatch(/its own USB cable \(WebHID\)/);
      expect(await page.locator("#status").getAttribute("data-state")).toBe("idle");
    } finally {
      await page.close();
    }
  });

  it("a JBD behind a WebSerial adapter (captured replies) is shown, released on disconnect and reconnected", async () => {
    const page = await dashboard.open("desktop", { script: installFakeAdapter as (arg: never) => void, arg: CAPTURED_JBD });
    try {
      await page.click("#connect");
      await page.waitForSelector('#status[data-state="live"]', { timeout: 10_000 });
      const at = (field: string) => page.locator(`[data-channel="0"] [data-field="${field}"]`).innerText();
      expect(await page.locator("#welcome").isHidden()).toBe(true);
      expect(await page.locator("#status").innerText()).toBe("JBD-SP04S034-L4S-200A-B-U · CH340 1a86:7523");
      expect(await page.locator("#link-info").innerText()).toBe("Link: webserial CH340 1a86:7523 9600 8N1.");
      // The values of the capture (docs/protocols/jbd.md#basic-info-capture, docs/protocols/jbd.md#cell-voltages-capture).
      expect(await at("voltage")).toBe("15.60 V");
      expect(await at("current")).toBe("0.00 A");
      expect(await at("soc")).toBe("100 %");
      expect(await page.locator('[data-channel="0"] .cell-value').allTextContents()).toEqual(["3.909", "3.901", "3.895", "3.901"]);
      expect(await lines(page, '[data-field="temperatures"] li')).toEqual(["T1 22.4 °C", "T2 22.3 °C", "T3 21.7 °C"]);
      expect(await lines(page, '[data-field="switches"] li')).toEqual(["Charge ON", "Discharge ON"]);
      expect(await page.locator('[data-field="alarms"] li').allInnerTexts()).toEqual(["None"]);
      const opened = await page.evaluate(() => (globalThis as unknown as FakeAdapterWindow).fakeAdapter);
      expect(opened.opens[0]).toEqual({ baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1, bufferSize: 4096, flowControl: "none" });
      // Basic info, cells, and the model name once (with the first reading only: 0x05 upsets some units).
      expect(opened.written.slice(0, 3).sort()).toEqual(["DD A5 03 00 FF FD 77", "DD A5 04 00 FF FC 77", "DD A5 05 00 FF FB 77"]);
      expect(opened.written.filter((w) => w === "DD A5 05 00 FF FB 77")).toHaveLength(1);

      await page.click("#disconnect");
      await page.waitForSelector('#status[data-state="idle"]');
      expect(await page.evaluate(() => (globalThis as unknown as FakeAdapterWindow).fakeAdapter.closes)).toBe(1);
      expect(await page.locator("#welcome").isVisible()).toBe(true);
      // After disconnect nothing is polled any more.
      const written = await page.evaluate(() => (globalThis as unknown as FakeAdapterWindow).fakeAdapter.written.length);
      await page.waitForTimeout(1200);
      expect(await page.evaluate(() => (globalThis as unknown as FakeAdapterWindow).fakeAdapter.written.length)).toBe(written);
      // The port stays granted: reconnecting needs no picker.
      await page.waitForSelector("#reconnect:not([hidden])");
      expect(await page.locator("#reconnect").innerText()).toBe("Reconnect CH340 1a86:7523");
      await page.click("#reconnect");
      await page.waitForSelector('#status[data-state="live"]', { timeout: 10_000 });
      expect(await page.evaluate(() => (globalThis as unknown as FakeAdapterWindow).fakeAdapter.opens.length)).toBe(2);
    } finally {
      await page.close();
    }
  });

  for (const size of ["desktop", "phone"] as const) {
    it(`a protection the BMS raised is the red alarm; the charge switch it turned off stays neutral (${size})`, async () => {
      const page = await dashboard.open(size, { script: installFakeAdapter as (arg: never) => void, arg: PROTECTED_JBD });
      try {
        await page.click("#connect");
        await page.waitForSelector('#status[data-state="live"]', { timeout: 10_000 });
        await page.waitForSelector('[data-field="alarms"] li.alarm');
        expect(await page.locator('[data-field="alarms"] li').allInnerTexts()).toEqual(["Cell over-voltage"]);
        expect(await page.locator('[data-field="alarms"] li').getAttribute("data-tone")).toBe("alarm");
        expect(await colours(page, '[data-field="alarms"] li.alarm')).toEqual([COLOURS.alarm]);
        expect(await lines(page, '[data-field="switches"] li')).toEqual(["Charge OFF", "Discharge ON"]);
        expect(await colours(page, '[data-field="switches"] .state')).toEqual([COLOURS.neutral, COLOURS.on]);
        await dashboard.screenshot(page, `protection-jbd-${size}`);
      } finally {
        await page.close();
      }
    });
  }

  it("Connect over Bluetooth asks the browser's chooser for the device's module (its GATT service) and takes a cancel calmly", async () => {
    // A browser with Web Bluetooth whose chooser the user closes: the request is recorded, the page stays usable.
    const page = await dashboard.open("phone", {
      script: () => {
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
      },
    });
    try {
      await page.waitForSelector("#welcome-ble:not([disabled])");
      expect(await page.locator("#connect-ble").getAttribute("title")).toBe("");
      // From the first screen, where a newcomer starts.
      await page.click("#welcome-ble");
      await page.waitForFunction(() => (globalThis as unknown as { bleRequests: unknown[] }).bleRequests.length === 1, undefined, { polling: 50 });
      const [request] = await page.evaluate(() => (globalThis as unknown as { bleRequests: unknown[] }).bleRequests);
      expect(JSON.stringify(request)).toMatch(/0000ff00-0000-1000-8000-00805f9b34fb/);
      await page.waitForFunction(() => document.querySelector("#status")?.getAttribute("data-state") !== "connecting", undefined, { polling: 50 });
      expect(await page.locator("#status").getAttribute("data-state")).toBe("idle");
      expect(await page.locator("#connect-ble").isEnabled()).toBe(true);
      expect(await page.locator("#welcome").isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  for (const size of ["desktop", "phone"] as const) {
    it(`a browser without WebSerial or WebHID says so in plain words and keeps the demo available (${size})`, async () => {
      // As in Firefox or Safari: the APIs are missing.
      const page = await dashboard.open(size, {
        script: () => {
          for (const name of ["serial", "hid", "bluetooth"]) Object.defineProperty(Navigator.prototype, name, { value: undefined, configurable: true });
        },
      });
      try {
        await page.waitForSelector("#notice:not([hidden])");
        expect(await page.locator("#notice").innerText()).toBe(
          "This browser has no WebSerial, so it cannot talk to USB devices. Connecting needs a Chromium-based desktop browser: Chrome, Edge or Opera; " +
            "Firefox and Safari do not have it. The demo works in any browser.",
        );
        expect(await page.locator("#connect").isDisabled()).toBe(true);
        expect(await page.locator("#welcome-connect").isDisabled()).toBe(true);
        expect(await page.locator("#connect").getAttribute("title")).toMatch(/no WebSerial/);
        expect(await page.locator("#connect-ble").getAttribute("title")).toMatch(/no Web Bluetooth/);
        expect(await page.locator("#demo").isEnabled()).toBe(true);
        expect(await page.locator("#welcome-demo").isEnabled()).toBe(true);
        await dashboard.screenshot(page, `no-webserial-${size}`);
        await page.selectOption("#device", "icharger");
        await page.waitForFunction(() => /no WebHID/.test(document.querySelector("#notice")?.textContent ?? ""), undefined, { polling: 50 });
        expect(await page.locator("#notice").innerText()).toMatch(/Chrome, Edge or Opera \(WebHID is on desktops only\)/);
        // The demo works without them.
        await page.click("#welcome-demo");
        await page.waitForSelector('#status[data-state="live"]', { timeout: 15_000 });
      } finally {
        await page.close();
      }
    });
  }

  it("left no console errors or warnings", () => {
    expect(dashboard.problems).toEqual([]);
  });
});
