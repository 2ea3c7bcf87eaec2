import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { DeviceReading } from "@batt/core";
import type { SurplusStatus } from "../surplus/surplus-feed.js";

/**
 * The gateway's Prometheus metrics (prom-client, in a registry of its own): every numeric (and
 * on/off) measurement as a gauge labelled by device and key, poll latency, errors, link
 * reconnects, MQTT messages published, whether each device and the broker are up, and each
 * charger's solar-surplus status.
 */
export class GatewayMetrics {
  /** The registry `/metrics` serves. */
  readonly registry = new Registry();
  private readonly latest = new Map<string, DeviceReading<unknown>>();
  // Set from the latest readings when scraped, not on every reading: only the last value of a poll interval is ever seen.
  private readonly measurement: Gauge = new Gauge({
    name: "batt_measurement",
    help: "Latest value of a device measurement (SI unit; on/off as 1/0)",
    labelNames: ["device", "key", "unit"],
    registers: [this.registry],
    collect: () => this.collectMeasurements(),
  });
  private readonly pollSeconds = new Histogram({
    name: "batt_poll_duration_seconds",
    help: "Time one reading took",
    labelNames: ["device"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly pollErrors = new Counter({ name: "batt_poll_errors_total", help: "Failed readings", labelNames: ["device", "code"], registers: [this.registry] });
  private readonly reconnects = new Counter({ name: "batt_link_reconnects_total", help: "Times a link was lost or failed to open", labelNames: ["link"], registers: [this.registry] });
  private readonly published = new Counter({ name: "batt_mqtt_messages_published_total", help: "MQTT messages published", registers: [this.registry] });
  private readonly deviceUp = new Gauge({ name: "batt_device_up", help: "1 while the device is online", labelNames: ["device"], registers: [this.registry] });
  private readonly brokerUp = new Gauge({ name: "batt_mqtt_connected", help: "1 while the MQTT broker is connected", registers: [this.registry] });
  private readonly surplusGauge = new Gauge({
    name: "batt_surplus",
    help: "Solar-surplus charging of a charger: enabled and stale (1/0), decided current (A), phases, available and grid export (W), bad payloads and errors so far",
    labelNames: ["device", "key"],
    registers: [this.registry],
  });
  /** Records a reading's values (the latest reading of each device is what `/metrics` shows). */
  reading(device: string, reading: DeviceReading<unknown>): void {
    this.latest.set(device, reading);
  }

  private collectMeasurements(): void {
    this.measurement.reset();
    for (const [device, reading] of this.latest) {
      for (const m of reading.measurements) {
        const value = typeof m.value === "number" ? m.value : typeof m.value === "boolean" ? (m.value ? 1 : 0) : undefined;
        if (value !== undefined && Number.isFinite(value)) this.measurement.set({ device, key: m.key, unit: m.unit ?? "" }, value);
      }
    }
  }

  /** Records a poll's latency, and its error code when it failed. */
  poll(device: string, seconds: number, errorCode?: string): void {
    this.pollSeconds.observe({ device }, seconds);
    if (errorCode !== undefined) this.pollErrors.inc({ device, code: errorCode });
  }

  /** Records a device going online or offline; an offline device's values are withdrawn (never shown stale). */
  device(device: string, online: boolean): void {
    this.deviceUp.set({ device }, online ? 1 : 0);
    if (!online) this.latest.delete(device);
  }

  /** Records a charger's surplus status (values not decided yet are left out). */
  surplus(device: string, status: SurplusStatus): void {
    const values: Record<string, number | boolean | null> = {
      enabled: status.enabled,
      stale: status.stale,
      current: status.current,
      phases: status.phases,
      available: status.available,
      export: status.exportW,
      bad_payloads: status.badPayloads,
      errors: status.errors,
    };
    for (const [key, value] of Object.entries(values)) {
      if (value === null) this.surplusGauge.remove({ device, key });
      else this.surplusGauge.set({ device, key }, typeof value === "boolean" ? Number(value) : value);
    }
  }

  /** Counts a lost or failed link. */
  reconnect(link: string): void {
    this.reconnects.inc({ link });
  }

  /** Counts a published MQTT message. */
  publish(): void {
    this.published.inc();
  }

  /** Records the broker connection state. */
  broker(connected: boolean): void {
    this.brokerUp.set(connected ? 1 : 0);
  }
}
