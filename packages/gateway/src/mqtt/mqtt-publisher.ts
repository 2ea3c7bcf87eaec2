import { readFileSync } from "node:fs";
import { connect, type IClientOptions, type MqttClient } from "mqtt";
import type { Logger } from "../log/logger.js";
import { OFFLINE, ONLINE, type GatewayTopics } from "./topics.js";

/** How to reach the broker. */
export interface MqttConnectOptions {
  /** `mqtt://host:port`, `mqtts://…`, `ws://…`, `wss://…`. */
  readonly url: string;
  /** MQTT client id. */
  readonly clientId: string;
  /** User name. */
  readonly username?: string;
  /** Password. */
  readonly password?: string;
  /** CA certificate file (PEM). */
  readonly ca?: string;
  /** Client certificate file (PEM). */
  readonly cert?: string;
  /** Client key file (PEM). */
  readonly key?: string;
  /** Check the broker's certificate (default true). */
  readonly rejectUnauthorized?: boolean;
  /** Wait between reconnection attempts, ms (default 1000). */
  readonly reconnectMs?: number;
  /** Topics subscribed besides the command topics (on every connect, before `connected` is reported). */
  readonly subscribe?: readonly string[];
}

/** What a {@link MqttPublisher} tells its owner. */
export interface MqttPublisherEvents {
  /** Connected (first time or again): re-publish everything retained (discovery, availability). */
  connected(): void;
  /** A message arrived on a command topic. */
  command(topic: string, payload: string): void;
  /** A message arrived on one of the other subscribed topics; `retained` when the broker kept it from before. */
  message?(topic: string, payload: string, retained: boolean): void;
  /** The connection was lost or closed. */
  disconnected?(): void;
  /** One message was handed to the broker connection. */
  published?(topic: string): void;
}

/**
 * The gateway's MQTT connection (mqtt.js). It has a last will `offline` on the status topic,
 * publishes `online` (retained) on every (re)connect, subscribes to the command topics, and
 * reconnects by itself. Messages are only sent while connected: nothing is queued while the broker
 * is away, so no old reading is delivered late as if it were new; retained state is re-published
 * on reconnect by the owner.
 */
export class MqttPublisher {
  private client: MqttClient | undefined;
  private closing = false;

  constructor(
    private readonly options: MqttConnectOptions,
    private readonly topics: GatewayTopics,
    private readonly events: MqttPublisherEvents,
    private readonly logger: Logger,
  ) {}

  /** Whether the broker connection is up. */
  get connected(): boolean {
    return this.client?.connected === true;
  }

  /** Starts connecting (and reconnecting, for as long as it runs). */
  start(): void {
    const o = this.options;
    const clientOptions: IClientOptions = {
      clientId: o.clientId,
      clean: true,
      reconnectPeriod: o.reconnectMs ?? 1000,
      connectTimeout: 10_000,
      queueQoSZero: false,
      resubscribe: false,
      will: { topic: this.topics.status, payload: Buffer.from(OFFLINE), qos: 1, retain: true },
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
      ...(o.ca !== undefined ? { ca: readFileSync(o.ca) } : {}),
      ...(o.cert !== undefined ? { cert: readFileSync(o.cert) } : {}),
      ...(o.key !== undefined ? { key: readFileSync(o.key) } : {}),
      ...(o.rejectUnauthorized !== undefined ? { rejectUnauthorized: o.rejectUnauthorized } : {}),
    };
    const client = connect(o.url, clientOptions);
    this.client = client;
    client.on("connect", () => {
      this.logger.info("mqtt connected", { url: o.url });
      this.publish(this.topics.status, ONLINE, { retain: true, qos: 1 });
      client.subscribe([this.topics.commandFilter, ...(o.subscribe ?? [])], { qos: 1 }, (error) => {
        if (error) this.logger.error("mqtt subscribe failed", { error: error.message });
      });
      this.events.connected();
    });
    client.on("message", (topic, payload, packet) => {
      if (this.topics.parseCommand(topic)) this.events.command(topic, payload.toString("utf8"));
      else this.events.message?.(topic, payload.toString("utf8"), packet.retain);
    });
    client.on("close", () => {
      if (!this.closing) this.logger.warn("mqtt connection closed; reconnecting", { url: o.url });
      this.events.disconnected?.();
    });
    client.on("error", (error) => this.logger.warn("mqtt error", { error: error.message }));
  }

  /**
   * Publishes a message if connected; returns whether it was sent. QoS 1 for retained messages
   * (discovery, availability), QoS 0 for readings.
   */
  publish(topic: string, payload: string, options: { retain?: boolean; qos?: 0 | 1 } = {}): boolean {
    const client = this.client;
    if (!client?.connected) return false;
    client.publish(topic, payload, { retain: options.retain ?? false, qos: options.qos ?? 0 }, (error) => {
      if (error && !this.closing) this.logger.warn("mqtt publish failed", { topic, error: error.message });
    });
    this.events.published?.(topic);
    return true;
  }

  /** Publishes `offline` on the status topic (when connected) and closes the connection. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (client.connected) {
      await client.publishAsync(this.topics.status, OFFLINE, { retain: true, qos: 1 }).catch(() => undefined);
      this.events.published?.(this.topics.status);
    }
    this.closing = true;
    await client.endAsync();
    this.client = undefined;
  }
}
