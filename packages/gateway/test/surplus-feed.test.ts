// The surplus feed on a manual clock: grid payloads in, decisions out through a recording charger.
import { BattError, isBattError } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { SURPLUS_DEFAULTS, type SurplusAction, type SurplusDecision, type SurplusSetup } from "@batt/evcharger";
import { describe, expect, it } from "vitest";
import type { SurplusConfig } from "../src/config/gateway-config.js";
import { SURPLUS_STALE_AFTER_S } from "../src/config/resolve-config.js";
import { silentLogger } from "../src/log/logger.js";
import { controllerOptions, SurplusFeed, type ChargerStart, type SurplusCharger, type SurplusStatus } from "../src/surplus/surplus-feed.js";

/** An 11 kW three-phase G1 charger charging at 16 A (the simulator's start). */
const CHARGING_16A: SurplusSetup = {
  initial: { charging: true, phases: 3, current: 16 },
  options: { maxCurrent: 16, phases: [1, 3], eepromMinIntervalMs: 60_000, currentInEeprom: false },
};

/** No waiting: every decision may take effect at once (the timing rules are the controller's, tested there). */
const PROMPT: SurplusConfig = { topic: "grid", sign: "import-positive", phases: [3], enableDelayMs: 0, disableDelayMs: 0, minOnMs: 0, minOffMs: 0 };

class RecordingCharger implements SurplusCharger {
  readonly decisions: SurplusDecision[] = [];
  setups = 0;
  fail: BattError | undefined;
  gate: Promise<void> | undefined;

  constructor(
    private readonly start: SurplusSetup = CHARGING_16A,
    /** What the charger's reading says the car draws. */
    public drawnW = 11_040,
  ) {}

  async setup(): Promise<ChargerStart> {
    this.setups++;
    return { ...this.start, drawnW: this.drawnW };
  }

  async apply(decision: SurplusDecision): Promise<readonly SurplusAction[]> {
    await this.gate;
    if (this.fail) throw this.fail;
    this.decisions.push(decision);
    const sent: SurplusAction[] = [];
    if (decision.stop) return ["stop"];
    if (decision.switchPhases) sent.push("phases");
    if (decision.changeCurrent && decision.charging) sent.push("current");
    if (decision.start) sent.push("start");
    return sent;
  }
}

function feedOf(config: SurplusConfig, charger = new RecordingCharger(), clock = new ManualClock()) {
  const published: SurplusStatus[] = [];
  const feed = new SurplusFeed({ device: "wallbox", config, charger, clock, logger: silentLogger, publish: (s) => published.push(s), tickMs: 5000 });
  feed.start();
  return { feed, charger, clock, published, last: () => published.at(-1)! };
}

describe("SurplusFeed", () => {
  it("turns each grid value into a decision carried out on the charger, with the charger's draw counted", async () => {
    const { feed, charger, last } = feedOf(PROMPT);
    feed.reading(11_040); // 3 × 16 A × 230 V
    feed.message("5000"); // importing 5 kW: 6040 W are the car's to keep
    await feed.settled();
    expect(charger.setups).toBe(1);
    expect(charger.decisions).toHaveLength(1);
    expect(charger.decisions[0]).toMatchObject({ charging: true, phases: 3, current: 8, changeCurrent: true, available: 6040 });
    expect(last()).toMatchObject({ enabled: true, stale: false, exportW: -5000, current: 8, phases: 3, charging: true, sent: ["current"], badPayloads: 0, errors: 0 });

    feed.reading(8 * 3 * 230);
    feed.message("-1380"); // exporting 1380 W on top of the car's 5520 W: 10 A
    await feed.settled();
    expect(charger.decisions.map((d) => d.current)).toEqual([8, 10]);
    expect(charger.setups).toBe(1);

    // Nothing to change: no call to the charger, yet the status is published.
    const count = charger.decisions.length;
    feed.reading(10 * 3 * 230);
    feed.message("0");
    await feed.settled();
    expect(charger.decisions).toHaveLength(count);
    expect(last()).toMatchObject({ current: 10, sent: [], exportW: 0 });
  });

  it("takes the car's draw from the setup reading when no poll has come yet", async () => {
    const { feed, charger } = feedOf(PROMPT);
    feed.message("200"); // importing 200 W while the car draws 11 040 W (read at setup): 10 840 W → 15 A
    await feed.settled();
    expect(charger.decisions[0]).toMatchObject({ available: 10_840, current: 15 });
  });

  it("counts a bad payload, publishes the count, and neither decides nor refreshes the input", async () => {
    const { feed, charger, clock, last } = feedOf({ ...PROMPT, field: "total_act_power" });
    feed.reading(11_040);
    for (const bad of ["unavailable", "{oops", '{"total_act_power":"n/a"}', '{"other":1}']) feed.message(bad);
    await feed.settled();
    expect(charger.setups).toBe(0);
    expect(charger.decisions).toHaveLength(0);
    expect(last()).toMatchObject({ badPayloads: 4, exportW: null, current: null, stale: false });
    // Bad payloads do not keep the input alive: it is lost after staleAfter all the same.
    clock.advance(SURPLUS_STALE_AFTER_S * 1000 - 1);
    feed.message("rubbish");
    clock.advance(1);
    await feed.settled();
    expect(last()).toMatchObject({ stale: true, badPayloads: 5 });
    feed.message('{"total_act_power":-2000}');
    await feed.settled();
    expect(last()).toMatchObject({ stale: false, exportW: 2000 });
  });

  it("fails safe when the input is lost: least current at once, stop after the controller's stop delay, never a start", async () => {
    const config: SurplusConfig = { ...PROMPT, staleAfter: 30, disableDelayMs: 20_000 };
    const { feed, charger, clock, last } = feedOf(config);
    feed.reading(11_040);
    feed.message("-500"); // exporting: 11 540 W available, 16 A (the rating)
    await feed.settled();
    expect(charger.decisions).toHaveLength(0);
    clock.advance(29_999);
    await feed.settled();
    expect(last().stale).toBe(false);
    clock.advance(1);
    await feed.settled();
    expect(last()).toMatchObject({ stale: true, current: 6, charging: true });
    expect(last().reason).toMatch(/^input lost/);
    expect(charger.decisions.at(-1)).toMatchObject({ current: 6, changeCurrent: true, stop: false });
    // Asked again every tick (5 s): the stop delay of 20 s runs from the first fail-safe decision.
    clock.advance(15_000);
    await feed.settled();
    expect(charger.decisions.some((d) => d.stop)).toBe(false);
    clock.advance(5000);
    await feed.settled();
    expect(charger.decisions.at(-1)).toMatchObject({ stop: true, charging: false });
    expect(last()).toMatchObject({ charging: false, sent: ["stop"] });
    // Hours without input: it stays off.
    const count = charger.decisions.length;
    for (let i = 0; i < 100; i++) {
      clock.advance(60_000);
      await feed.settled();
    }
    expect(charger.decisions).toHaveLength(count);
    expect(last()).toMatchObject({ stale: true, charging: false });
  });

  it("fails safe also when no value ever arrives after start", async () => {
    const { feed, charger, clock, last } = feedOf({ ...PROMPT });
    feed.reading(11_040);
    clock.advance(SURPLUS_STALE_AFTER_S * 1000);
    await feed.settled();
    expect(charger.setups).toBe(1);
    expect(last()).toMatchObject({ stale: true, exportW: null });
    // With no stop delay, the first fail-safe decision already stops.
    expect(charger.decisions[0]).toMatchObject({ stop: true });
  });

  it("decides one value at a time: values arriving meanwhile are coalesced to the latest", async () => {
    const charger = new RecordingCharger();
    const { feed } = feedOf(PROMPT, charger);
    feed.reading(11_040);
    let open!: () => void;
    charger.gate = new Promise((resolve) => (open = resolve));
    feed.message("5000"); // 8 A, held at the gate
    await Promise.resolve();
    feed.message("4000");
    feed.message("3000"); // the one decided next: 8040 W → 11 A
    open();
    await feed.settled();
    expect(charger.decisions.map((d) => d.current)).toEqual([8, 11]);
  });

  it("rebuilds the controller from the charger after a decision fails, and says so", async () => {
    const charger = new RecordingCharger();
    const { feed, last } = feedOf(PROMPT, charger);
    feed.reading(11_040);
    charger.fail = new BattError("invalid-argument", "g2MaxCurrent is stored in EEPROM and was changed 10 ms ago; wait 59990 ms");
    feed.message("5000");
    await feed.settled();
    expect(last()).toMatchObject({ errors: 1, lastError: { code: "invalid-argument" }, sent: [] });
    charger.fail = undefined;
    feed.message("5000");
    await feed.settled();
    expect(charger.setups).toBe(2);
    expect(last()).toMatchObject({ errors: 1, lastError: null, current: 8, sent: ["current"] });
  });

  it("does nothing while disabled; a retained state applies until the first command", async () => {
    const { feed, charger, last } = feedOf({ ...PROMPT, enabled: false });
    feed.reading(11_040);
    feed.message("5000");
    await feed.settled();
    expect(charger.setups).toBe(0);
    expect(last()).toMatchObject({ enabled: false, reason: "disabled", exportW: -5000 });
    feed.setEnabled(true, true); // the broker kept "on" from the last run
    await feed.settled();
    expect(feed.enabled).toBe(true);
    expect(charger.decisions.map((d) => d.current)).toEqual([8]);
    feed.setEnabled(false); // a command
    feed.setEnabled(true, true); // a late retained message no longer counts
    expect(feed.enabled).toBe(false);
    expect(last()).toMatchObject({ enabled: false, current: null });
    feed.message("6000");
    await feed.settled();
    expect(charger.decisions).toHaveLength(1);
  });

  it("once enabled again, fails safe at once when the last value is older than staleAfter", async () => {
    const { feed, charger, clock, last } = feedOf({ ...PROMPT, enabled: false, staleAfter: 30 });
    feed.reading(11_040);
    feed.message("5000"); // would cut the current to 8 A, were it still fresh
    clock.advance(30_000);
    await feed.settled();
    expect(charger.setups).toBe(0);
    feed.setEnabled(true);
    await feed.settled();
    expect(charger.decisions).toHaveLength(0); // the old value was not acted on
    clock.advance(0);
    await feed.settled();
    expect(last()).toMatchObject({ stale: true, enabled: true });
    expect(charger.decisions[0]).toMatchObject({ stop: true });
  });
});

describe("controllerOptions", () => {
  it("passes the config's options, bounded by the charger, and leaves the rest to the controller's defaults", () => {
    const options = controllerOptions({ topic: "t", sign: "import-positive", maxCurrent: 32, hysteresis: 100 }, CHARGING_16A);
    expect(options).toEqual({ maxCurrent: 16, hysteresis: 100, phases: [1, 3], eepromMinIntervalMs: 60_000, currentInEeprom: false });
    expect(Object.keys(options)).not.toContain("enableDelayMs");
    expect(controllerOptions({ topic: "t", sign: "import-positive", maxCurrent: 10 }, CHARGING_16A).maxCurrent).toBe(10);
    const single: SurplusSetup = { ...CHARGING_16A, options: { ...CHARGING_16A.options, phases: [1], currentInEeprom: true } };
    expect(controllerOptions({ topic: "t", sign: "import-positive", phases: [1, 3] }, single)).toMatchObject({ phases: [1], currentInEeprom: true });
  });

  it("refuses phases the charger cannot use", () => {
    const single: SurplusSetup = { ...CHARGING_16A, options: { ...CHARGING_16A.options, phases: [1] } };
    try {
      controllerOptions({ topic: "t", sign: "import-positive", phases: [3] }, single);
      expect.unreachable();
    } catch (error) {
      expect(isBattError(error, "invalid-argument")).toBe(true);
    }
  });

  it("the schema's descriptions quote the controller's defaults", async () => {
    const { GATEWAY_CONFIG_SCHEMA } = await import("../src/config/config-schema.js");
    const surplus = (GATEWAY_CONFIG_SCHEMA as { definitions: { surplus: { properties: Record<string, { description: string }> } } }).definitions.surplus.properties;
    const keys = ["voltage", "minCurrent", "maxCurrent", "hysteresis", "enableDelayMs", "disableDelayMs", "phaseDelayMs", "minOnMs", "minOffMs"] as const;
    for (const key of keys) expect(surplus[key]!.description, key).toContain(`controller default ${SURPLUS_DEFAULTS[key]}`);
    expect(surplus["phases"]!.description).toContain(`controller default ${JSON.stringify(SURPLUS_DEFAULTS.phases).replace(",", ", ")}`);
    expect(surplus["staleAfter"]!.description).toContain(`default ${SURPLUS_STALE_AFTER_S}`);
  });
});
