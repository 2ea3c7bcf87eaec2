import { fileURLToPath } from "node:url";
import { transportContract } from "@batt/core/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser, launchChromium, servePage, type PageServer } from "./browser/harness.js";
import { CONTRACT_OPTIONS, type PageApi, type Suite } from "./browser/page-api.js";

// One browser for the file; each test gets fresh navigator.serial / navigator.hid doubles in the page.
let browser: Browser;
let server: PageServer;
let script: string;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  script = await bundleForBrowser(fileURLToPath(new URL("./browser/page.ts", import.meta.url)));
  [browser, server] = await Promise.all([launchChromium(), servePage(script)]);
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await page.waitForFunction(() => "battWebTest" in globalThis, undefined, { polling: 50 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Api = { battWebTest: PageApi };

function runContract(suite: Suite, name: string) {
  return page.evaluate(
    async ([s, n]) => {
      const api = (globalThis as unknown as Api).battWebTest;
      api.install();
      return api.contract(s, n);
    },
    [suite, name] as const,
  );
}

const scenariosRun = new Set<string>();

function scenario(name: string): Promise<unknown> {
  scenariosRun.add(name);
  return page.evaluate(async (n) => {
    const api = (globalThis as unknown as Api).battWebTest;
    api.install();
    return api.scenario(n);
  }, name);
}

// The case list does not depend on the pair factory, so it is taken here and each case is run in the page.
const contractCases = transportContract(() => Promise.reject(new Error("cases run in the page")), CONTRACT_OPTIONS);

for (const suite of ["web-serial", "web-hid"] as const) {
  describe(`transport contract in Chromium: ${suite === "web-serial" ? "WebSerialTransport" : "WebHidTransport"} over a navigator double`, () => {
    for (const c of contractCases) {
      it(c.name, async () => {
        expect(await runContract(suite, c.name)).toEqual({ ok: true });
      });
    }
  });
}

describe("WebSerialTransport in Chromium", () => {
  it("opens the port with its line settings and names the adapter", async () => {
    expect(await scenario("serial open settings")).toEqual({
      description: "webserial CH340 1a86:7523 9600 8E1",
      opens: [{ baudRate: 9600, dataBits: 8, parity: "even", stopBits: 1, bufferSize: 4096, flowControl: "none" }],
      unknownDescription: "webserial port 19200 7O2",
      label: "CH340 1a86:7523",
    });
  });

  it("rejects settings WebSerial cannot do at construction, before touching the port", async () => {
    const r = (await scenario("serial invalid settings")) as Record<string, { code: string; message: string }> & { opens: number };
    for (const key of ["dataBits", "parity", "stopBits", "baudRate", "notAPort"]) expect(r[key]?.code, key).toBe("invalid-argument");
    expect(r.parity?.message).toContain("mark");
    expect(r.opens).toBe(0);
  });

  it("holds both stream locks while open; close() releases them and closes the port, so it opens again", async () => {
    expect(await scenario("serial close releases the port")).toEqual({
      lockedWhileOpen: { readable: true, writable: true },
      afterClose: { readable: null, writable: null, closes: 1 },
      bytes: [0xaa, 0x55],
      closes: 2,
    });
  });

  it("a port already open elsewhere rejects with not-open", async () => {
    const r = (await scenario("serial port open elsewhere")) as { error: { code: string; message: string }; isOpen: boolean };
    expect(r.error.code).toBe("not-open");
    expect(r.error.message).toMatch(/already open/);
    expect(r.isOpen).toBe(false);
  });

  it("unplugging the adapter ends the session with a disconnected error; writes then reject with not-open", async () => {
    const r = (await scenario("serial unplugged")) as Record<string, { code: string; message: string } | boolean | null>;
    expect(r.reason).toEqual({ code: "disconnected", message: expect.stringMatching(/webserial CH340 1a86:7523 9600 8N1 disconnected/) });
    expect(r.isOpen).toBe(false);
    expect(r.write).toEqual(expect.objectContaining({ code: "not-open" }));
    expect(r.reopen).toEqual({ code: "not-open", message: expect.stringMatching(/NetworkError/) });
    expect(r.closeAfter).toEqual({ code: "no error", message: "" });
  });

  it("a fatal read error without a disconnect event also ends the session, and the port is released", async () => {
    expect(await scenario("serial fatal read error")).toEqual({
      reason: { code: "disconnected", message: expect.stringMatching(/The device has been lost/) },
      reopened: true,
      closes: 2,
    });
  });

  it("reacts to navigator.serial's disconnect event for its own port only", async () => {
    expect(await scenario("serial disconnect event for this port only")).toEqual({
      afterOther: true,
      afterThis: false,
      reasons: [{ code: "disconnected", message: expect.stringMatching(/disconnected/) }],
    });
  });

  it("a parity error loses bytes but not the session: reading continues on the new stream", async () => {
    expect(await scenario("serial line error keeps the session")).toEqual({
      first: [1, 2, 3],
      second: [4, 5, 6],
      lineErrors: 1,
      isOpen: true,
      reasons: [],
    });
  });

  it("the port picker is filtered to the adapter table by default; granted ports can be listed again", async () => {
    const r = (await scenario("serial port picker")) as Record<string, unknown> & { table: { vendorId: number; productId: number }[] };
    expect(r.chosenIsCh340).toBe(true);
    expect(r.label).toBe("CH340 1a86:7523");
    const adapters = { filters: r.table.map((a) => ({ usbVendorId: a.vendorId, usbProductId: a.productId })) };
    expect(r.requests).toEqual([adapters, {}, adapters]);
    expect(r.table.map((a) => `${a.vendorId.toString(16)}:${a.productId.toString(16)}`)).toEqual([
      "1a86:7523",
      "1a86:55d3",
      "10c4:ea60",
      "403:6001",
      "403:6015",
      "67b:2303",
    ]);
    expect(r.granted).toEqual(["CH340 1a86:7523"]);
    expect(r.grantedCp210x).toBe(0);
    expect(r.cancelled).toEqual({ code: "not-found", message: "no serial port was selected" });
  });
});

describe("WebHidTransport in Chromium", () => {
  it("sends padded output reports with the report id apart; numbered input reports get their id in front", async () => {
    const r = (await scenario("hid reports")) as Record<string, unknown> & { sent: { reportId: number; data: number[] }[]; hostGot: number[][]; hostNumbered: number[][] };
    expect(r.description).toBe("webhid 0483:5751 Junsi iCharger 308Duo USB HID");
    expect(r.info).toEqual(expect.objectContaining({ packetSize: 64, reportId: 0, vendorId: 0x0483, productId: 0x5751 }));
    const request = [0x07, 0x30, 0x04, 0x00, 0x00, 0x00, 0x0a];
    expect(r.sent[0]).toEqual({ reportId: 0, data: [...request, ...new Array<number>(64 - request.length).fill(0)] });
    expect(r.sent[1]).toEqual({ reportId: 2, data: [9, 0, 0, 0, 0, 0, 0, 0] });
    expect(r.deviceGot).toEqual([64]);
    const reply = Array.from({ length: 64 }, (_, i) => i);
    expect(r.hostGot).toEqual([reply]);
    expect(r.hostNumbered).toEqual([[3, ...reply]]);
    expect(r.tooLong).toEqual(expect.objectContaining({ code: "invalid-argument" }));
    expect(r.opened).toBe(false);
  });

  it("rejects impossible options at construction", async () => {
    const r = (await scenario("hid invalid options")) as Record<string, { code: string }>;
    expect([r.reportId?.code, r.reportSize?.code, r.notADevice?.code]).toEqual(["invalid-argument", "invalid-argument", "invalid-argument"]);
  });

  it("uses a device this page opened already instead of failing", async () => {
    expect(await scenario("hid device open already")).toEqual({ isOpen: true, opens: 1, opened: false });
  });

  it("navigator.hid's disconnect for this device ends the session with a disconnected error", async () => {
    const r = (await scenario("hid unplugged")) as Record<string, unknown>;
    expect(r.afterOther).toBe(true);
    expect(r.reason).toEqual({ code: "disconnected", message: expect.stringMatching(/webhid 0483:5751 .* disconnected/) });
    expect(r.isOpen).toBe(false);
    expect(r.write).toEqual(expect.objectContaining({ code: "not-open" }));
    expect(r.reopen).toEqual(expect.objectContaining({ code: "not-open" }));
  });

  it("the iCharger picker asks for 0483:5751; a closed picker is not-found", async () => {
    expect(await scenario("hid device picker")).toEqual({
      chosenIsCharger: true,
      requests: [{ filters: [{ vendorId: 0x0483, productId: 0x5751 }] }, { filters: [{ vendorId: 0x0483, productId: 0x5751 }] }],
      granted: ["Junsi iCharger X6 USB HID"],
      grantedOther: 0,
      cancelled: { code: "not-found", message: "no HID device was selected" },
    });
  });
});

describe("feature detection in Chromium", () => {
  it("on a secure page, Chromium's own APIs are found; pickers without a click are refused with unsupported", async () => {
    const own = await browser.newPage();
    try {
      await own.goto(`${server.url}?probe`);
      const result = await own.waitForFunction(() => (globalThis as unknown as Api).battWebTest?.probeResult, undefined, { polling: 50 });
      const r = (await result.jsonValue()) as Record<string, unknown>;
      expect(r).toEqual(
        expect.objectContaining({ secure: true, hasWebSerial: true, hasWebHid: true, webSerial: { code: "no error", message: "" }, grantedSerialPorts: 0, grantedHidDevices: 0 }),
      );
      expect(r.requestSerialPort).toEqual({ code: "unsupported", message: expect.stringMatching(/click or key press/) });
      expect(r.requestIChargerDevice).toEqual({ code: "unsupported", message: expect.stringMatching(/click or key press/) });
    } finally {
      await own.close();
    }
  });

  it("without a secure context there is no WebSerial or WebHID: unsupported, saying why", async () => {
    const insecure = await browser.newPage();
    try {
      await insecure.setContent("<!doctype html><title>insecure</title>");
      await insecure.addScriptTag({ content: script });
      const r = (await insecure.evaluate(() => (globalThis as unknown as Api).battWebTest.probe())) as Record<string, unknown>;
      const why = { code: "unsupported", message: expect.stringMatching(/secure context/) };
      expect(r).toEqual({
        secure: false,
        hasWebSerial: false,
        hasWebHid: false,
        webSerial: { code: "unsupported", message: "WebSerial needs a secure context: open the page over https:// or from http://localhost" },
        requestSerialPort: why,
        grantedSerialPorts: why,
        requestIChargerDevice: why,
        grantedHidDevices: why,
      });
    } finally {
      await insecure.close();
    }
  });

  it("in a browser without the APIs (as Firefox or Safari), unsupported names the browsers that have them", async () => {
    const r = (await page.evaluate(() => {
      const api = (globalThis as unknown as Api).battWebTest;
      api.removeApis();
      return api.probe();
    })) as Record<string, unknown>;
    const why = { code: "unsupported", message: expect.stringMatching(/no (WebSerial|WebHID) .*Chromium-based desktop browsers/) };
    expect(r).toEqual({
      secure: true,
      hasWebSerial: false,
      hasWebHid: false,
      webSerial: why,
      requestSerialPort: why,
      grantedSerialPorts: why,
      requestIChargerDevice: why,
      grantedHidDevices: why,
    });
  });

  it("left no uncaught errors in the page, and every scenario of the page was checked", async () => {
    expect(pageErrors).toEqual([]);
    const names = await page.evaluate(() => (globalThis as unknown as Api).battWebTest.scenarioNames());
    expect([...scenariosRun].sort()).toEqual([...names].sort());
  });
});
