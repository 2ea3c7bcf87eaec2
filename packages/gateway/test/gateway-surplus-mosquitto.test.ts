// Solar-surplus charging end to end: a real Mosquitto, the gateway, and a simulated EV charger on a
// TCP link. Grid power published on a meter topic (Shelly Pro 3EM JSON) moves the charger's current
// setting, read back through the device's state topic; garbage is counted and changes nothing.
import type { DevicePlugin } from "@batt/core";
import { plugin as evcharger } from "@batt/evcharger/cli";
import { EvChargerSimulator } from "@batt/evcharger/simulator";
import { TcpServerTransport } from "@batt/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Gateway, type GatewayOptions } from "../src/gateway.js";
import { startMosquitto, type Mosquitto } from "./support/mosquitto.js";
import { MqttWatch, type Received } from "./support/mqtt-watch.js";

const METER = "shellypro3em-c8f09e8a1b2c/status/em:0";
const STATE = "batt/solar/wallbox/state";
const SURPLUS = "batt/solar/wallbox/surplus";

interface SurplusPayload {
  readonly enabled: boolean;
  readonly current: number | null;
  readonly exportW: number | null;
  readonly badPayloads: number;
  readonly sent: readonly string[];
}

const values = (m: Received) => (JSON.parse(m.payload) as { values: Record<string, unknown> }).values;
const surplus = (m: Received) => JSON.parse(m.payload) as SurplusPayload;

const options = (): GatewayOptions => ({
  plugins: [evcharger] as readonly DevicePlugin[],
  config: {
    gateway: { id: "solar" },
    mqtt: { url: broker.url },
    links: [
      {
        type: "tcp",
        name: "wallbox-link",
        host: "127.0.0.1",
        port: server.info.port!,
        devices: [
          {
            kind: "evcharger",
            name: "wallbox",
            poll: 0.5,
            writable: true,
            // A short gap: a simulator needs no second between requests.
            options: { gap: 20 },
            surplus: { topic: METER, field: "total_act_power", sign: "import-positive", phases: [3], enableDelayMs: 0, disableDelayMs: 0, minOnMs: 0, minOffMs: 0, staleAfter: 600 },
          },
        ],
      },
    ],
  },
});

let broker: Mosquitto;
let server: TcpServerTransport;

describe("gateway surplus charging with Mosquitto", () => {
  let sim: EvChargerSimulator;
  let gateway: Gateway;
  let watch: MqttWatch;

  beforeAll(async () => {
    broker = await startMosquitto();
    server = new TcpServerTransport({ host: "127.0.0.1", port: 0 });
    await server.open();
    sim = new EvChargerSimulator({}).attach(server); // G1, 11 kW three-phase: 16 A rating
    sim.plugIn(); // plug and charge: charging at 16 A
    watch = await MqttWatch.open(broker.url, ["homeassistant/#", "batt/#"]);
    gateway = await Gateway.start(options());
  });

  afterAll(async () => {
    await gateway?.stop();
    await watch?.close();
    await server?.close();
    await broker?.dispose();
  });

  it("announces the surplus switch and sensors", async () => {
    const sw = JSON.parse((await watch.next((m) => m.topic === "homeassistant/switch/batt_solar_wallbox/surplus_mode/config")).payload) as Record<string, unknown>;
    expect(sw).toMatchObject({ unique_id: "batt_solar_wallbox_surplus_mode", command_topic: "batt/solar/wallbox/set/surplus_mode", state_topic: SURPLUS, device: { identifiers: ["batt_solar_wallbox"] } });
    const current = JSON.parse((await watch.next((m) => m.topic === "homeassistant/sensor/batt_solar_wallbox/surplus_current/config")).payload) as Record<string, unknown>;
    expect(current).toMatchObject({ state_topic: SURPLUS, device_class: "current", unit_of_measurement: "A", value_template: "{{ value_json.current }}" });
    await watch.next((m) => m.topic === STATE && values(m)["charge_current"] === 16 && values(m)["state"] === "Charging");
  });

  it("follows the grid power: importing 5 kW cuts 16 A to 8 A, then exporting raises it to 10 A", async () => {
    // The simulator's phase voltages are 229.2, 230.4 and 228.6 V: 16 A draws about 11 011 W.
    const drawn16 = values(await watch.next((m) => m.topic === STATE && values(m)["charge_current"] === 16))["total_power"] as number;
    expect(drawn16).toBeGreaterThan(10_900);
    let from = watch.messages.length;
    await watch.publish(METER, JSON.stringify({ id: 0, a_act_power: 1800, b_act_power: 1600, c_act_power: 1600, total_act_power: 5000 }));
    // ≈11 011 W drawn − 5000 W imported ≈ 6011 W for the car: ⌊6011 / (3 × 230)⌋ = 8 A.
    const decided = await watch.next((m) => m.topic === SURPLUS && surplus(m).current === 8, 10_000, from);
    expect(surplus(decided)).toMatchObject({ exportW: -5000, sent: ["current"] });
    const at8 = await watch.next((m) => m.topic === STATE && values(m)["charge_current"] === 8 && (values(m)["total_power"] as number) < 6000, 10_000, from);
    expect(sim.model.maxCurrent).toBe(8);

    // Export enough that the car may have 7000 W in all: ⌊7000 / 690⌋ = 10 A.
    const drawn8 = values(at8)["total_power"] as number;
    from = watch.messages.length;
    await watch.publish(METER, JSON.stringify({ id: 0, total_act_power: drawn8 - 7000 }));
    await watch.next((m) => m.topic === SURPLUS && surplus(m).current === 10 && surplus(m).exportW === 7000 - drawn8, 10_000, from);
    await watch.next((m) => m.topic === STATE && values(m)["charge_current"] === 10, 10_000, from);
    expect(sim.model.maxCurrent).toBe(10);
  });

  it("counts garbage on the meter topic and applies nothing", async () => {
    await watch.next((m) => m.topic === STATE && values(m)["charge_current"] === 10);
    const writes = sim.writes.length;
    const before = surplus(watch.messages.filter((m) => m.topic === SURPLUS).at(-1)!).badPayloads;
    const from = watch.messages.length;
    await watch.publish(METER, "garbage");
    await watch.publish(METER, JSON.stringify({ id: 0, total_act_power: "unavailable" }));
    await watch.next((m) => m.topic === SURPLUS && surplus(m).badPayloads === before + 2, 10_000, from);
    // Polls go on; a fresh state after the garbage still shows 10 A, and nothing was written.
    const after = watch.messages.length;
    await watch.next((m) => m.topic === STATE, 10_000, after);
    expect(values(watch.messages.filter((m) => m.topic === STATE).at(-1)!)["charge_current"]).toBe(10);
    expect(sim.writes.length).toBe(writes);
    expect(sim.model.maxCurrent).toBe(10);
  });

  it("switches surplus mode off and on from MQTT: off, grid values change nothing", async () => {
    let from = watch.messages.length;
    await watch.publish("batt/solar/wallbox/set/surplus_mode", "OFF");
    expect(JSON.parse((await watch.next((m) => m.topic === "batt/solar/wallbox/result", 10_000, from)).payload)).toMatchObject({ ok: true, control: "surplus_mode", state: false });
    await watch.next((m) => m.topic === SURPLUS && !surplus(m).enabled, 10_000, from);
    const writes = sim.writes.length;
    from = watch.messages.length;
    await watch.publish(METER, JSON.stringify({ id: 0, total_act_power: 3000 }));
    const off = await watch.next((m) => m.topic === SURPLUS && surplus(m).exportW === -3000, 10_000, from);
    expect(surplus(off)).toMatchObject({ enabled: false, current: null });
    expect(sim.writes.length).toBe(writes);
    // A late subscriber sees the switch state: it is retained.
    const late = await MqttWatch.open(broker.url, [SURPLUS]);
    try {
      const kept = await late.next((m) => m.topic === SURPLUS);
      expect(kept.retain).toBe(true);
      expect(surplus(kept).enabled).toBe(false);
    } finally {
      await late.close();
    }
    from = watch.messages.length;
    await watch.publish("batt/solar/wallbox/set/surplus_mode", "ON");
    await watch.next((m) => m.topic === SURPLUS && surplus(m).enabled, 10_000, from);
    await watch.publish(METER, JSON.stringify({ id: 0, total_act_power: 3000 }));
    // On again: a fresh reading of the charger (10 A, ≈6880 W) less 3000 W imported: ≈3880 W → 5 A, so the least, 6 A.
    await watch.next((m) => m.topic === STATE && values(m)["charge_current"] === 6, 10_000, from);
    expect(sim.model.maxCurrent).toBe(6);
  });

  it("a restarted gateway takes surplus mode from the state its predecessor left retained", async () => {
    let from = watch.messages.length;
    await watch.publish("batt/solar/wallbox/set/surplus_mode", "OFF");
    await watch.next((m) => m.topic === SURPLUS && !surplus(m).enabled, 10_000, from);
    await gateway.stop();
    from = watch.messages.length;
    gateway = await Gateway.start(options()); // the config says nothing: on by default
    // The retained "off" is read back on subscribing, before any grid value counts.
    await watch.next((m) => m.topic === SURPLUS && !surplus(m).enabled, 10_000, from);
    const writes = sim.writes.length;
    await watch.publish(METER, JSON.stringify({ id: 0, total_act_power: 4000 }));
    const status = await watch.next((m) => m.topic === SURPLUS && surplus(m).exportW === -4000, 10_000, from);
    expect(surplus(status)).toMatchObject({ enabled: false, current: null });
    expect(watch.messages.slice(from).filter((m) => m.topic === SURPLUS && surplus(m).enabled)).toEqual([]);
    expect(sim.writes.length).toBe(writes);
  });
});
