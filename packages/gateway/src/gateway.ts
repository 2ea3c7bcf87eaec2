import { BattError, isBattError, systemClock, toBattError, wallTimeOf, type Clock, type DeviceControl, type DevicePlugin, type DeviceReading } from "@batt/core";
import manifest from "../package.json" with { type: "json" };
import { startEmbeddedBroker, type EmbeddedBroker } from "./broker/embedded-broker.js";
import type { DeviceConfig, GatewayConfig } from "./config/gateway-config.js";
import { devicePolling, gatewayId, linkName } from "./config/resolve-config.js";
import { GatewayMetrics } from "./http/gateway-metrics.js";
import { startHttpServer, type GatewayHttpServer, type HealthReport } from "./http/http-server.js";
import { LinkRunner, type LinkState } from "./link/link-runner.js";
import { silentLogger, type Logger } from "./log/logger.js";
import { applyCommand, parseCommandValue } from "./mqtt/command-value.js";
import { deviceDiscovery, gatewayDiscovery, type DiscoveryContext } from "./mqtt/discovery.js";
import { MqttPublisher } from "./mqtt/mqtt-publisher.js";
import { statePayload } from "./mqtt/state-payload.js";
import { GatewayTopics, OFFLINE, ONLINE } from "./mqtt/topics.js";
import { ReadingLog } from "./output/reading-log.js";
import type { PollOutcome } from "./schedule/link-scheduler.js";
import { linkCharger } from "./surplus/link-charger.js";
import { SURPLUS_CONTROL, surplusDiscovery } from "./surplus/surplus-discovery.js";
import { SurplusFeed, type SurplusStatus } from "./surplus/surplus-feed.js";

/** The surplus switch as a control, for reading its command payloads (the feed, not the device, takes them). */
const SURPLUS_SWITCH: DeviceControl = { kind: "switch", key: SURPLUS_CONTROL, name: "Surplus charging", set: async () => undefined };

/** What a gateway is started with. */
export interface GatewayOptions {
  /** The validated config. */
  readonly config: GatewayConfig;
  /** Device plugins, by which the config's device kinds are found. */
  readonly plugins: readonly DevicePlugin[];
  /** Time and timers (default: the system clock). */
  readonly clock?: Clock;
  /** Where the gateway logs (default: nowhere). */
  readonly logger?: Logger;
}

interface DeviceRuntime {
  readonly config: DeviceConfig;
  readonly runner: LinkRunner;
  readonly offlineAfter: number;
  readonly deadlineMs: number;
  online: boolean | undefined;
  failures: number;
  last: DeviceReading<unknown> | undefined;
  discovered: DiscoverySignature | undefined;
  /** Solar-surplus charging, when the device's config has it. */
  readonly surplus: SurplusFeed | undefined;
}

/** What discovery announces of a device, to tell when it must be announced again. */
interface DiscoverySignature {
  readonly identity: string;
  readonly measurements: readonly { readonly key: string; readonly kind: string; readonly options: number }[];
}

function identityOf(reading: DeviceReading<unknown>, controls: number): string {
  const d = reading.device;
  return `${d.manufacturer}|${d.model}|${d.firmware}|${d.hardware}|${d.serial}|${controls}`;
}

function discoverySignature(reading: DeviceReading<unknown>, controls: number): DiscoverySignature {
  return { identity: identityOf(reading, controls), measurements: reading.measurements.map((m) => ({ key: m.key, kind: m.kind, options: m.options?.length ?? 0 })) };
}

/** Whether a reading announces what `signature` did (compared in place: this runs on every reading). */
function sameSignature(signature: DiscoverySignature, reading: DeviceReading<unknown>, controls: number): boolean {
  const ms = reading.measurements;
  if (signature.measurements.length !== ms.length || signature.identity !== identityOf(reading, controls)) return false;
  for (let i = 0; i < ms.length; i++) {
    const a = signature.measurements[i]!;
    const m = ms[i]!;
    if (a.key !== m.key || a.kind !== m.kind || a.options !== (m.options?.length ?? 0)) return false;
  }
  return true;
}

/**
 * The always-on service: keeps every configured link open and its devices polled, publishes each
 * reading to MQTT (state, availability, Home Assistant discovery), takes commands for writable
 * devices, writes reading logs, and serves metrics and health over HTTP.
 */
export class Gateway {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly topics: GatewayTopics;
  private readonly discovery: DiscoveryContext | undefined;
  private readonly devices = new Map<string, DeviceRuntime>();
  /** Surplus feeds by the grid topic they read (several chargers may share one meter). */
  private readonly surplusByTopic = new Map<string, SurplusFeed[]>();
  /** Chargers whose surplus status this run has published (so a reconnect publishes it again). */
  private readonly surplusPublished = new Set<string>();
  private readonly runners: LinkRunner[] = [];
  private readonly metrics = new GatewayMetrics();
  private readonly log: ReadingLog | undefined;
  private mqtt: MqttPublisher | undefined;
  private broker: EmbeddedBroker | undefined;
  private http: GatewayHttpServer | undefined;
  private stopping = false;
  private mqttUrl = "";

  private constructor(private readonly options: GatewayOptions) {
    const { config } = options;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    const id = gatewayId(config);
    this.topics = new GatewayTopics(config.mqtt?.baseTopic ?? `batt/${id}`);
    const prefix = config.mqtt?.discoveryPrefix ?? "homeassistant";
    this.discovery = prefix === "" ? undefined : { prefix, topics: this.topics, gateway: { id, name: config.gateway?.name ?? `batt gateway ${id}`, version: manifest.version } };
    if (config.logs) this.log = new ReadingLog(config.logs.dir, config.logs.formats ?? ["jsonl", "csv"]);
    const byId = new Map(options.plugins.map((p) => [p.id, p]));
    config.links.forEach((link, index) => {
      const devices = link.devices.map((device) => {
        const plugin = byId.get(device.kind);
        if (!plugin) throw new BattError("invalid-argument", `unknown device kind "${device.kind}"`);
        return { config: device, plugin, polling: devicePolling(device, config) };
      });
      const runner = new LinkRunner(linkName(link, index), link, devices, {
        clock: this.clock,
        logger: this.logger,
        events: {
          reading: (device, reading) => this.onReading(device, reading),
          outcome: (outcome) => this.onOutcome(outcome),
          state: (name, state, error) => this.onLinkState(runner, state, error),
        },
      });
      this.runners.push(runner);
      for (const d of devices) {
        const name = d.config.name;
        const surplus = d.config.surplus
          ? new SurplusFeed({
              device: name,
              config: d.config.surplus,
              charger: linkCharger(runner, name, this.clock, d.polling.deadlineMs, (reading) => this.onReading(name, reading)),
              clock: this.clock,
              logger: this.logger,
              publish: (status) => this.publishSurplus(name, status),
              tickMs: d.polling.pollMs,
            })
          : undefined;
        if (surplus) this.surplusByTopic.set(d.config.surplus!.topic, [...(this.surplusByTopic.get(d.config.surplus!.topic) ?? []), surplus]);
        this.devices.set(name, {
          config: d.config,
          runner,
          offlineAfter: d.polling.offlineAfter,
          deadlineMs: d.polling.deadlineMs,
          online: undefined,
          failures: 0,
          last: undefined,
          discovered: undefined,
          surplus,
        });
      }
    });
  }

  /** Starts a gateway: the broker connection (or the embedded broker), the HTTP server, then every link. */
  static async start(options: GatewayOptions): Promise<Gateway> {
    const gateway = new Gateway(options);
    try {
      await gateway.begin();
    } catch (error) {
      await gateway.stop();
      throw error;
    }
    return gateway;
  }

  /** The broker URL the gateway publishes to. */
  get brokerUrl(): string {
    return this.mqttUrl;
  }

  /** The embedded broker's WebSocket URL, when it runs one. */
  get brokerWsUrl(): string | undefined {
    return this.broker?.wsUrl;
  }

  /** The HTTP port, when the HTTP server runs. */
  get httpPort(): number | undefined {
    return this.http?.port;
  }

  /** The gateway's topics. */
  get gatewayTopics(): GatewayTopics {
    return this.topics;
  }

  private async begin(): Promise<void> {
    const { config } = this.options;
    const mqtt = config.mqtt ?? {};
    if (mqtt.url === undefined) {
      this.broker = await startEmbeddedBroker(config.broker ?? {}, this.logger);
      this.mqttUrl = this.broker.url;
    } else {
      this.mqttUrl = mqtt.url;
    }
    this.mqtt = new MqttPublisher(
      {
        url: this.mqttUrl,
        clientId: mqtt.clientId ?? `batt-${gatewayId(config)}`,
        ...(mqtt.username !== undefined ? { username: mqtt.username } : {}),
        ...(mqtt.password !== undefined ? { password: mqtt.password } : {}),
        ...(mqtt.ca !== undefined ? { ca: mqtt.ca } : {}),
        ...(mqtt.cert !== undefined ? { cert: mqtt.cert } : {}),
        ...(mqtt.key !== undefined ? { key: mqtt.key } : {}),
        ...(mqtt.rejectUnauthorized !== undefined ? { rejectUnauthorized: mqtt.rejectUnauthorized } : {}),
        // Each charger's own surplus topic first, for the switch state a previous run left retained (it then
        // arrives before any retained grid value), then the grid topics.
        subscribe: [...[...this.devices].filter(([, d]) => d.surplus).map(([name]) => this.topics.surplus(name)), ...this.surplusByTopic.keys()],
      },
      this.topics,
      {
        connected: () => this.onBrokerConnected(),
        disconnected: () => this.metrics.broker(false),
        command: (topic, payload) => void this.onCommand(topic, payload),
        message: (topic, payload, retained) => this.onMessage(topic, payload, retained),
        published: () => this.metrics.publish(),
      },
      this.logger,
    );
    this.mqtt.start();
    if (config.http) this.http = await startHttpServer(config.http.host ?? "127.0.0.1", config.http.port, this.metrics, () => this.health());
    for (const runner of this.runners) runner.start();
    for (const device of this.devices.values()) device.surplus?.start();
  }

  /** Stops everything: links closed, `offline` published for the gateway and its devices, broker connection closed. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await Promise.all([...this.devices.values()].map((d) => d.surplus?.stop() ?? Promise.resolve()));
    await Promise.all(this.runners.map((r) => r.stop()));
    for (const [name] of this.devices) this.mqtt?.publish(this.topics.availability(name), OFFLINE, { retain: true, qos: 1 });
    await this.mqtt?.stop();
    await this.http?.close();
    await this.broker?.close();
  }

  /** The health report of `/healthz`: ok while the broker is connected and no link is stopped. */
  health(): HealthReport {
    const links = Object.fromEntries(this.runners.map((r) => [r.name, r.state]));
    const devices = Object.fromEntries(
      [...this.devices].map(([name, d]) => [name, { online: d.online ?? false, failures: d.failures, lastReading: d.last?.time ?? null }]),
    );
    const connected = this.mqtt?.connected === true;
    const linksOk = this.runners.every((r) => r.state !== "stopped");
    return { ok: !this.stopping && connected && linksOk, mqtt: { url: this.mqttUrl, connected }, links, devices };
  }

  private onBrokerConnected(): void {
    this.metrics.broker(true);
    if (this.discovery) this.send(gatewayDiscovery(this.discovery).topic, JSON.stringify(gatewayDiscovery(this.discovery).payload), true);
    for (const [name, device] of this.devices) {
      device.discovered = undefined;
      if (device.last) this.publishDiscovery(name, device, device.last);
      this.send(this.topics.availability(name), device.online ? ONLINE : OFFLINE, true);
      // Again after a reconnect (a fresh broker has lost it); not before the first publish of this run, which
      // would replace the state a previous run left retained before it has been read back.
      if (device.surplus && this.surplusPublished.has(name)) this.publishSurplus(name, device.surplus.status);
    }
  }

  private send(topic: string, payload: string, retain: boolean): void {
    this.mqtt?.publish(topic, payload, { retain, qos: retain ? 1 : 0 });
  }

  private publishDiscovery(name: string, device: DeviceRuntime, reading: DeviceReading<unknown>): void {
    if (!this.discovery) return;
    if (!this.mqtt?.connected) return;
    const controls = device.config.writable ? (device.runner.sessionOf(name)?.controls ?? []) : [];
    // Announced again only when what it announces changes (another measurement, a new firmware); checked per reading, so kept cheap.
    if (device.discovered !== undefined && sameSignature(device.discovered, reading, controls.length)) return;
    const signature = discoverySignature(reading, controls.length);
    const messages = deviceDiscovery(this.discovery, {
      name,
      title: device.config.title ?? name,
      identity: reading.device,
      measurements: reading.measurements,
      controls,
      ...(device.surplus
        ? { extra: (common, node) => surplusDiscovery(this.discovery!.prefix, node, this.topics.surplus(name), this.topics.command(name, SURPLUS_CONTROL), common) }
        : {}),
    });
    for (const message of messages) this.send(message.topic, JSON.stringify(message.payload), true);
    device.discovered = signature;
  }

  private setOnline(name: string, device: DeviceRuntime, online: boolean, why?: string): void {
    if (device.online === online) return;
    device.online = online;
    this.metrics.device(name, online);
    this.send(this.topics.availability(name), online ? ONLINE : OFFLINE, true);
    if (online) this.logger.info("device online", { device: name });
    else this.logger.warn("device offline", { device: name, ...(why ? { error: why } : {}) });
  }

  private onReading(name: string, reading: DeviceReading<unknown>): void {
    const device = this.devices.get(name);
    if (!device || this.stopping) return;
    device.last = reading;
    device.failures = 0;
    this.metrics.reading(name, reading);
    try {
      this.log?.write(name, reading);
    } catch (error) {
      this.logger.error("cannot write the reading log", { device: name, error: String(error) });
    }
    this.publishDiscovery(name, device, reading);
    this.setOnline(name, device, true);
    const drawn = reading.measurements.find((m) => m.key === "total_power")?.value;
    if (typeof drawn === "number") device.surplus?.reading(drawn);
    this.send(this.topics.state(name), JSON.stringify(statePayload(reading)), false);
  }

  private onOutcome(outcome: PollOutcome): void {
    const device = this.devices.get(outcome.device);
    if (!device) return;
    this.metrics.poll(outcome.device, outcome.latencyMs / 1000, outcome.error?.code);
    if (outcome.ok) return;
    device.failures = outcome.failures;
    if (outcome.failures === 1) this.logger.warn("reading failed", { device: outcome.device, error: outcome.error?.message, code: outcome.error?.code });
    if (outcome.failures >= device.offlineAfter) this.setOnline(outcome.device, device, false, outcome.error?.message);
  }

  private onLinkState(runner: LinkRunner, state: LinkState, error?: BattError): void {
    if (state !== "down") return;
    this.metrics.reconnect(runner.name);
    for (const [name, device] of this.devices) if (device.runner === runner) this.setOnline(name, device, false, error?.message ?? "link down");
  }

  /** A charger's surplus status, retained, stamped with the gateway's time. */
  private publishSurplus(name: string, status: SurplusStatus): void {
    this.metrics.surplus(name, status);
    if (this.mqtt?.connected) this.surplusPublished.add(name);
    this.send(this.topics.surplus(name), JSON.stringify({ time: new Date(wallTimeOf(this.clock)).toISOString(), ...status }), true);
  }

  /** A message on a subscribed topic other than a command: grid power for surplus feeds, or a surplus state retained from before. */
  private onMessage(topic: string, payload: string, retained: boolean): void {
    if (this.stopping) return;
    for (const feed of this.surplusByTopic.get(topic) ?? []) feed.message(payload);
    if (!retained) return;
    for (const [name, device] of this.devices) {
      if (!device.surplus || topic !== this.topics.surplus(name)) continue;
      try {
        const enabled = (JSON.parse(payload) as { enabled?: unknown }).enabled;
        if (typeof enabled === "boolean") device.surplus.setEnabled(enabled, true);
      } catch {
        this.logger.warn("surplus: retained state is not JSON; ignored", { device: name, topic });
      }
    }
  }

  /** A command from MQTT: checked, applied between polls with read-back, and answered on the device's result topic. */
  private async onCommand(topic: string, payload: string): Promise<void> {
    const target = this.topics.parseCommand(topic);
    if (!target) return;
    const time = () => new Date(wallTimeOf(this.clock)).toISOString();
    const result = (body: Record<string, unknown>) => this.send(this.topics.result(target.device), JSON.stringify({ time: time(), control: target.control, ...body }), false);
    const device = this.devices.get(target.device);
    try {
      if (!device) throw new BattError("not-found", `no device "${target.device}" on this gateway`);
      if (target.control === SURPLUS_CONTROL && device.surplus) {
        const value = parseCommandValue(SURPLUS_SWITCH, payload);
        device.surplus.setEnabled(value.kind === "switch" && value.on);
        result({ ok: true, value: payload.trim(), state: device.surplus.enabled });
        return;
      }
      if (!device.config.writable) throw new BattError("unsupported", `device "${target.device}" is not writable (set writable: true in the gateway config)`);
      const control = device.runner.sessionOf(target.device)?.controls?.find((c) => c.key === target.control);
      if (!control) {
        if (device.runner.state !== "up") throw new BattError("disconnected", `device "${target.device}" is not connected (link ${device.runner.state})`);
        throw new BattError("not-found", `device "${target.device}" has no control "${target.control}"`);
      }
      const value = parseCommandValue(control, payload);
      this.logger.info("command", { device: target.device, control: control.key, payload });
      const reading = await device.runner.withSession(target.device, async (session) => {
        const controller = new AbortController();
        const timer = this.clock.setTimer(() => controller.abort(new BattError("timeout", "the command took longer than the device's deadline")), device.deadlineMs);
        try {
          await applyCommand(control, value, controller.signal);
          return await session.read(controller.signal);
        } finally {
          this.clock.clearTimer(timer);
        }
      });
      this.onReading(target.device, reading);
      const stateKey = control.state;
      result({ ok: true, value: payload.trim(), ...(stateKey ? { state: statePayload(reading).values[stateKey] ?? null } : {}) });
    } catch (error) {
      const e = toBattError(error, "device-exception");
      if (!isBattError(error)) this.logger.error("command failed", { error: String(error) });
      else this.logger.warn("command refused or failed", { device: target.device, control: target.control, code: e.code, error: e.message });
      result({ ok: false, value: payload.trim(), error: { code: e.code, message: e.message } });
    }
  }
}
