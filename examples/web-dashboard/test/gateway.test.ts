import { createServer, type AddressInfo } from "node:net";
import { isBattError, type DeviceControl, type DevicePlugin, type DeviceReading } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { plugin as evcharger } from "@batt/evcharger/cli";
import { deviceDiscovery, Gateway, GatewayTopics, simulatorConfig, statePayload, type GatewayConfig } from "@batt/gateway";
import { plugin as icharger } from "@batt/icharger/cli";
import { plugin as jbd } from "@batt/jbd/cli";
import { plugin as jk } from "@batt/jk/cli";
import { plugin as voltaic } from "@batt/voltaic/cli";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDiscovery } from "../src/remote/discovery-entry.js";
import { GatewayDevice } from "../src/remote/gateway-device.js";
import { defaultGatewayUrl, parseGatewayUrl } from "../src/remote/gateway-url.js";
import { startDashboard, startDemo, type Dashboard, type ViewportName } from "./harness.js";

// The dashboard watching a `batt gateway` started in this process (`batt gateway --sim`: one simulator of
// every device kind, writable, on the embedded aedes broker with MQTT over WebSocket on a free port):
// the devices listed from the gateway's retained topics, a JBD live, its charge MOSFET switched off
// through the gateway's command topic and read back, and the lost connection when the gateway stops.

const PLUGINS = [evcharger, icharger, jbd, jk, voltaic] as readonly DevicePlugin[];
/** Every simulated device of `--sim`, by its device name (topic segment). */
const DEVICES = ["sim-evcharger", "sim-icharger", "sim-jbd", "sim-jk", "sim-voltaic"];

let dashboard: Dashboard;
let gateway: Gateway | undefined;

/** `batt gateway --sim` on free ports, polled every 0.5 s so that the page sees readings quickly. */
function config(wsPort = 0): GatewayConfig {
  const sim = simulatorConfig(PLUGINS, { broker: { port: 0, wsPort } });
  return { ...sim, links: sim.links.map((link) => ({ ...link, devices: link.devices.map((d) => ({ ...d, poll: 0.5 })) })) };
}

beforeAll(async () => {
  [dashboard, gateway] = await Promise.all([startDashboard(), Gateway.start({ plugins: PLUGINS, config: config() })]);
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await dashboard?.close();
});

const chip = (page: Page, device: string): Locator => page.locator(`.gateway-device[data-device-key="gateway/batt/batt/${device}"]`);
const remote = (page: Page): Locator => page.locator(".gateway-remote");
const status = (page: Page): Locator => page.locator(".gateway-status");

/** Opens the dashboard, enters the gateway's address and waits until every device is listed and online. */
async function watchGateway(size: ViewportName): Promise<Page> {
  const page = await dashboard.open(size);
  await dashboard.screenshot(page, `gateway-entry-${size}`);
  const input = page.locator('.gateway-form input[name="gateway"]');
  // Prefilled with the page's host on the embedded broker's default WebSocket port.
  expect(await input.inputValue()).toBe("ws://127.0.0.1:9001");
  await input.fill(gateway!.brokerWsUrl!);
  await page.locator(".gateway-form .gateway-connect").click();
  await status(page).filter({ hasText: /5 devices, 5 online/ }).waitFor({ timeout: 20_000 });
  for (const device of DEVICES) await chip(page, device).and(page.locator('[data-available="true"]')).waitFor();
  return page;
}

/** A TCP port nothing listens on (taken, then released). */
function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

/** Waits until the shown remote device has had `more` readings after the current count. */
async function nextReadings(page: Page, more: number): Promise<number> {
  const seen = Number(await remote(page).getAttribute("data-readings"));
  await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>(".gateway-remote")?.dataset.readings) >= n, seen + more, { timeout: 15_000 });
  return seen + more;
}

/** The JBD battery panel's "Charge" switch (not "Discharge"). */
function batteryCharge(page: Page): Locator {
  return remote(page).locator(".channel .switches li").filter({ has: page.locator("span", { hasText: /^Charge$/ }) }).locator("b");
}

describe("gateway", () => {
  it("phone: the device switcher and a JBD from the gateway, live", async () => {
    const page = await watchGateway("phone");
    await chip(page, "sim-jbd").click();
    await nextReadings(page, 2);
    expect(await batteryCharge(page).innerText()).toMatch(/^(ON|OFF)$/);
    // The switcher's chips are thumb-sized.
    expect((await chip(page, "sim-jbd").boundingBox())!.height).toBeGreaterThanOrEqual(40);
    await dashboard.screenshot(page, "gateway-jbd-phone");

    // Disconnect: the form goes back to the first screen, which comes back.
    await page.locator(".gateway-form .gateway-disconnect").click();
    await status(page).filter({ hasText: "Disconnected from the gateway." }).waitFor();
    expect(await page.locator("#gateway-entry .gateway-form").count()).toBe(1);
    expect(await page.locator(".gateway-remote").count()).toBe(0);
    expect(await page.locator("#welcome").isVisible()).toBe(true);
    // With a local device on screen the first screen steps aside; the toolbar's "Gateway…" brings the form up there.
    await startDemo(page, "voltaic");
    await page.locator(".gateway-open").click();
    expect(await page.locator("#gateway-entry-toolbar .gateway-form input").evaluate((input) => input === document.activeElement)).toBe(true);
    await page.close();
  });

  it("desktop: every device the gateway watches, a JBD live, its charge MOSFET off and on through the gateway, the lost connection", async () => {
    const page = await watchGateway("desktop");
    const titles = await page.locator(".gateway-device .name").allInnerTexts();
    expect(titles).toHaveLength(5);
    for (const plugin of PLUGINS) expect(titles).toContain(`${plugin.title} (simulated)`);

    await chip(page, "sim-jbd").click();
    expect(await chip(page, "sim-jbd").getAttribute("aria-pressed")).toBe("true");
    expect(await remote(page).getAttribute("data-shown")).toBe("gateway/batt/batt/sim-jbd");
    // Live: the count of readings grows, and the battery panel shows the pack voltage and cells.
    const first = await nextReadings(page, 1);
    await nextReadings(page, 2);
    expect(Number(await remote(page).getAttribute("data-readings"))).toBeGreaterThan(first);
    expect(await remote(page).locator('.channel [data-field="voltage"]').innerText()).toMatch(/^\d+\.\d+ V$/);
    expect(await batteryCharge(page).innerText()).toBe("ON");

    // The charge MOSFET off, behind the controls' confirmation, through batt/batt/sim-jbd/set/charge_switch.
    const row = remote(page).locator('[data-control="charge_switch"]');
    await row.locator('button[data-value="off"]').click();
    const dialog = page.locator("dialog[data-confirm]");
    await dialog.waitFor();
    await dialog.locator('[data-action="confirm"]').click();
    await row.locator('[data-field="status"][data-status="done"]').waitFor({ timeout: 20_000 });
    // The gateway's simulator reads back off, and the next readings from the gateway say so.
    await nextReadings(page, 2);
    expect(await row.locator('[data-field="state"]').innerText()).toBe("OFF");
    expect(await batteryCharge(page).innerText()).toBe("OFF");
    await dashboard.screenshot(page, "gateway-jbd-desktop");

    // And back on, through the page's hook on the connection: the LiveDevice control itself resolves once the gateway confirms.
    const back = await page.evaluate(async () => {
      const hook = (window as unknown as { battGateway?: { devices: readonly { key: string; controls: readonly import("@batt/core").DeviceControl[] }[] } }).battGateway;
      const control = hook?.devices.find((d) => d.key === "gateway/batt/batt/sim-jbd")?.controls.find((c) => c.key === "charge_switch");
      if (control?.kind !== "switch") return "no charge_switch control";
      await control.set(true);
      return "confirmed";
    });
    expect(back).toBe("confirmed");
    await nextReadings(page, 1);
    expect(await batteryCharge(page).innerText()).toBe("ON");

    // Another device: the EV charger has no battery panel but its own.
    await chip(page, "sim-evcharger").click();
    await nextReadings(page, 1);
    expect(await remote(page).locator('[data-control="charge_current"]').count()).toBe(1);

    // The gateway stops: it says its devices are offline, then its broker goes away.
    const wsUrl = gateway!.brokerWsUrl!;
    await gateway!.stop();
    gateway = undefined;
    await status(page).filter({ hasText: /^Connection lost/ }).waitFor({ timeout: 15_000 });
    expect(await status(page).getAttribute("data-state")).toBe("lost");
    await dashboard.screenshot(page, "gateway-lost-desktop");
    // It keeps trying, waiting longer after each failed attempt, and is back when the gateway is.
    await status(page).filter({ hasText: /reconnecting in 2 s/ }).waitFor({ timeout: 15_000 });
    gateway = await Gateway.start({ plugins: PLUGINS, config: config(Number(new URL(wsUrl).port)) });
    await status(page).filter({ hasText: /5 devices, 5 online/ }).waitFor({ timeout: 30_000 });
    await nextReadings(page, 1);
    await page.close();

    // Chromium logs every refused WebSocket attempt itself (a page cannot keep it quiet): those, and only those, were expected here.
    const refused = `WebSocket connection to '${wsUrl}/' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED`;
    const attempts = dashboard.problems.filter((p) => p === `error: ${refused}`).length;
    expect(attempts).toBeGreaterThanOrEqual(1);
    dashboard.problems.splice(0, dashboard.problems.length, ...dashboard.problems.filter((p) => p !== `error: ${refused}`));
  });

  it("the address comes from ?gateway=; a wrong scheme or a gateway that is not there says so", async () => {
    const page = await dashboard.open("phone");
    await page.goto(`${dashboard.url}?gateway=${encodeURIComponent("ws://10.0.0.5:9001")}`);
    await page.waitForSelector("body[data-ready]");
    expect(await page.locator('.gateway-form input[name="gateway"]').inputValue()).toBe("ws://10.0.0.5:9001");
    await page.locator('.gateway-form input[name="gateway"]').fill("http://127.0.0.1:1");
    await page.locator(".gateway-form .gateway-connect").click();
    expect(await status(page).innerText()).toContain("use ws:// or wss://");
    expect(await status(page).getAttribute("data-state")).toBe("error");

    // Nothing listens there: one attempt, then the reason, and Connect is offered again.
    const port = await freePort();
    await page.locator('.gateway-form input[name="gateway"]').fill(`127.0.0.1:${port}`);
    await page.locator(".gateway-form .gateway-connect").click();
    await status(page).filter({ hasText: /^Could not connect: cannot reach ws:\/\/127\.0\.0\.1:\d+/ }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.gateway-form input[name="gateway"]').inputValue()).toBe(`ws://127.0.0.1:${port}`);
    expect(await page.locator(".gateway-form .gateway-connect").isEnabled()).toBe(true);
    const refused = `error: WebSocket connection to 'ws://127.0.0.1:${port}/' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED`;
    expect(dashboard.problems.filter((p) => p === refused)).toHaveLength(1);
    dashboard.problems.splice(0, dashboard.problems.length, ...dashboard.problems.filter((p) => p !== refused));
    await page.close();
  });

  it("ends without console errors or warnings", () => {
    expect(dashboard.problems).toEqual([]);
  });
});

// The pieces under the page, against what the gateway's own code publishes (its discovery and state payload builders).
describe("gateway device (no browser)", () => {
  const topics = new GatewayTopics("batt/garage");
  const context = { prefix: "homeassistant", topics, gateway: { id: "garage", name: "batt gateway garage", version: "0.1.0" } };
  const noop = async () => undefined;
  const controls: DeviceControl[] = [
    { kind: "switch", key: "charge_switch", name: "Charge MOSFET", state: "charge_allowed", set: noop },
    { kind: "number", key: "charge_current", name: "Charging current", unit: "A", min: 6, max: 32, step: 0.5, state: "current_setting", set: noop },
    { kind: "button", key: "stop", name: "Stop", press: noop },
  ];
  const reading: DeviceReading<unknown> = {
    time: "2026-12-06T09:15:41.000Z",
    device: { driver: "jbd", name: "JBD", model: "SP04S020" } as DeviceReading<unknown>["device"],
    measurements: [{ key: "voltage", name: "Voltage", kind: "voltage", unit: "V", value: 13.2 } as DeviceReading<unknown>["measurements"][number]],
    batteries: [],
    reading: { raw: 1 },
  };
  const messages = deviceDiscovery(context, { name: "house", title: "House bank", identity: reading.device, measurements: reading.measurements, controls });

  /** A device fed with the gateway's discovery, and every command it publishes. */
  function device(clock = new ManualClock()) {
    const sent: { topic: string; payload: string }[] = [];
    const d = new GatewayDevice("batt/garage/house", async (topic, payload) => void sent.push({ topic, payload }), 15_000, clock);
    for (const m of messages) {
      const entry = readDiscovery(m.topic, JSON.stringify(m.payload));
      expect(entry?.root).toBe("batt/garage/house");
      d.discovered(entry!);
    }
    return { d, sent, clock };
  }

  it("reads the gateway's discovery: title, and every control with its command topic, state key, range and unit", () => {
    const { d } = device();
    expect(d.title).toBe("House bank");
    expect(d.controls.map((c) => [c.kind, c.key, c.name, c.state])).toEqual([
      ["switch", "charge_switch", "Charge MOSFET", "charge_allowed"],
      ["number", "charge_current", "Charging current", "current_setting"],
      ["button", "stop", "Stop", undefined],
    ]);
    expect(d.controls[1]).toMatchObject({ min: 6, max: 32, step: 0.5, unit: "A" });
    // The gateway's own status entity is not a device.
    expect(readDiscovery("homeassistant/binary_sensor/batt_garage/status/config", JSON.stringify({ state_topic: "batt/garage/status" }))).toBeUndefined();
  });

  it("hands on the state envelope as the driver's reading (without the gateway's values), and an offline device as an error", () => {
    const { d } = device();
    const seen: unknown[] = [];
    const errors: unknown[] = [];
    d.subscribe({ reading: (r) => seen.push(r), error: (e) => errors.push(e) });
    d.state(JSON.stringify(statePayload(reading)));
    expect(seen).toEqual([reading]);
    d.availability("online");
    expect(d.online).toBe(true);
    d.availability("offline");
    expect(d.online).toBe(false);
    expect(errors).toHaveLength(1);
    expect(isBattError(errors[0], "disconnected")).toBe(true);
  });

  it("resolves a command only on the gateway's ok result, rejects with its error text, and after 15 s without one", async () => {
    const { d, sent, clock } = device();
    const [charge, current, stop] = d.controls;
    if (charge?.kind !== "switch" || current?.kind !== "number" || stop?.kind !== "button") throw new Error("controls missing");

    let done = false;
    const off = charge.set(false).then(() => (done = true));
    await Promise.resolve();
    expect(sent).toEqual([{ topic: "batt/garage/house/set/charge_switch", payload: "OFF" }]);
    d.result(JSON.stringify({ time: "x", ok: true, control: "charge_current", value: "OFF" }));
    await Promise.resolve();
    expect(done).toBe(false);
    d.result(JSON.stringify({ time: "x", ok: true, control: "charge_switch", value: "OFF", state: false }));
    await off;

    const refused = current.set(16);
    d.result(JSON.stringify({ ok: false, control: "charge_current", value: "16", error: { code: "verify-failed", message: "reads back 10 A, not 16 A" } }));
    await expect(refused).rejects.toMatchObject({ code: "verify-failed", message: "reads back 10 A, not 16 A" });

    await expect(current.set(40)).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(current.set(6.3)).rejects.toMatchObject({ code: "invalid-argument" });
    expect(sent.map((s) => s.payload)).toEqual(["OFF", "16"]);

    const unanswered = stop.press();
    let settled = false;
    const outcome = unanswered.then(() => "resolved", (e: unknown) => e).finally(() => (settled = true));
    clock.advance(14_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    clock.advance(1);
    expect(await outcome).toMatchObject({ code: "timeout" });
    expect(sent.at(-1)).toEqual({ topic: "batt/garage/house/set/stop", payload: "PRESS" });
  });

  it("takes a gateway address as people type it: ws:// and the embedded broker's port when left out", () => {
    expect(parseGatewayUrl("raspberrypi.local")).toEqual({ url: "ws://raspberrypi.local:9001" });
    expect(parseGatewayUrl(" 10.0.0.5:9002 ")).toEqual({ url: "ws://10.0.0.5:9002" });
    expect(parseGatewayUrl("[::1]")).toEqual({ url: "ws://[::1]:9001" });
    // Behind a TLS proxy the port is the proxy's and a path may be needed.
    expect(parseGatewayUrl("wss://pi.example/mqtt")).toEqual({ url: "wss://pi.example/mqtt" });
    expect(parseGatewayUrl("mqtt://pi.local:1883")).toEqual({ problem: "A browser reaches the gateway over WebSocket: use ws:// or wss://, not mqtt://" });
    expect(parseGatewayUrl("")).toHaveProperty("problem");
    expect(defaultGatewayUrl({ search: "?gateway=ws%3A%2F%2Fpi%3A9001", hostname: "dash.local", protocol: "http:" })).toBe("ws://pi:9001");
    expect(defaultGatewayUrl({ search: "", hostname: "pi.local", protocol: "http:" })).toBe("ws://pi.local:9001");
    expect(defaultGatewayUrl({ search: "", hostname: "pi.local", protocol: "https:" })).toBe("wss://pi.local:9001");
  });
});
