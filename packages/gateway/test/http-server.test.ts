import { makeReading, measure } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { GatewayMetrics } from "../src/http/gateway-metrics.js";
import { startHttpServer, type GatewayHttpServer, type HealthReport } from "../src/http/http-server.js";

describe("metrics and health over HTTP", () => {
  let server: GatewayHttpServer | undefined;
  afterEach(async () => server?.close());

  it("serves measurements, latency and errors as Prometheus text, and withdraws an offline device's values", async () => {
    const metrics = new GatewayMetrics();
    const clock = new ManualClock();
    metrics.reading("house", makeReading(clock, { device: { driver: "jbd", category: "bms" }, batteries: [], measurements: [measure("voltage", "Voltage", "voltage", 13.27), measure("charge_allowed", "Charge allowed", "state", false), measure("mode", "Mode", "text", "idle")], reading: {} }));
    metrics.device("house", true);
    metrics.poll("house", 0.04);
    metrics.poll("house", 1.2, "timeout");
    metrics.reconnect("usb0");
    metrics.publish();
    let health: HealthReport = { ok: true, links: { usb0: "up" } };
    server = await startHttpServer("127.0.0.1", 0, metrics, () => health);
    const base = `http://127.0.0.1:${server.port}`;
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('batt_measurement{device="house",key="voltage",unit="V"} 13.27');
    expect(text).toContain('batt_measurement{device="house",key="charge_allowed",unit=""} 0');
    expect(text).not.toContain('key="mode"');
    expect(text).toContain('batt_poll_duration_seconds_count{device="house"} 2');
    expect(text).toContain('batt_poll_errors_total{device="house",code="timeout"} 1');
    expect(text).toContain('batt_link_reconnects_total{link="usb0"} 1');
    expect(text).toContain("batt_mqtt_messages_published_total 1");
    metrics.device("house", false);
    const after = await (await fetch(`${base}/metrics`)).text();
    expect(after).not.toContain('key="voltage"');
    expect(after).toContain('batt_device_up{device="house"} 0');

    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, links: { usb0: "up" } });
    health = { ok: false, mqtt: { connected: false } };
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });
});
