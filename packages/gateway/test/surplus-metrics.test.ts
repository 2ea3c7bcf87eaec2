// A charger's surplus status as Prometheus gauges.
import { describe, expect, it } from "vitest";
import { GatewayMetrics } from "../src/http/gateway-metrics.js";
import type { SurplusStatus } from "../src/surplus/surplus-feed.js";

const DECIDED: SurplusStatus = {
  enabled: true,
  stale: false,
  exportW: -5000,
  available: 6040,
  charging: true,
  phases: 3,
  current: 8,
  reason: "current 8 A",
  sent: ["current"],
  badPayloads: 2,
  errors: 0,
  lastError: null,
};

describe("surplus metrics", () => {
  it("shows the decision, the input and the counters, and withdraws what is no longer decided", async () => {
    const metrics = new GatewayMetrics();
    metrics.surplus("wallbox", DECIDED);
    const text = await metrics.registry.metrics();
    for (const line of ['key="enabled"} 1', 'key="stale"} 0', 'key="current"} 8', 'key="phases"} 3', 'key="available"} 6040', 'key="export"} -5000', 'key="bad_payloads"} 2', 'key="errors"} 0']) {
      expect(text).toContain(`batt_surplus{device="wallbox",${line}`);
    }
    metrics.surplus("wallbox", { ...DECIDED, enabled: false, current: null, phases: null, available: null, charging: null });
    const off = await metrics.registry.metrics();
    expect(off).toContain('batt_surplus{device="wallbox",key="enabled"} 0');
    expect(off).not.toContain('key="current"');
    expect(off).toContain('batt_surplus{device="wallbox",key="export"} -5000');
  });
});
