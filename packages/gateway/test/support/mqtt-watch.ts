// An MQTT subscriber for tests: records every message and waits for the ones a test expects.
import { connect, type MqttClient } from "mqtt";

/** One received message. */
export interface Received {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
  /** Index in arrival order. */
  readonly seq: number;
}

/** A subscriber that remembers everything it received. */
export class MqttWatch {
  readonly messages: Received[] = [];
  private readonly waiters: { test: (m: Received) => boolean; resolve: (m: Received) => void }[] = [];

  private constructor(readonly client: MqttClient) {
    client.on("message", (topic, payload, packet) => {
      const message = { topic, payload: payload.toString("utf8"), retain: packet.retain, seq: this.messages.length };
      this.messages.push(message);
      for (const w of [...this.waiters]) {
        if (w.test(message)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(message);
        }
      }
    });
  }

  /** Connects to `url` and subscribes to `filters`. */
  static async open(url: string, filters: string[]): Promise<MqttWatch> {
    const client = connect(url, { reconnectPeriod: 200, clean: true });
    const watch = new MqttWatch(client);
    // Subscribe again after every reconnect (a restarted broker forgets subscriptions).
    client.on("connect", () => client.subscribe(filters, { qos: 1 }));
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("error", reject);
    });
    return watch;
  }

  /** The first message (from `after` on) that passes `test`, received or still to come; rejects after `ms`. */
  next(test: (m: Received) => boolean, ms = 10_000, after = 0): Promise<Received> {
    const seen = this.messages.find((m) => m.seq >= after && test(m));
    if (seen) return Promise.resolve(seen);
    return new Promise<Received>((resolve, reject) => {
      const waiter = { test: (m: Received) => m.seq >= after && test(m), resolve: (m: Received) => (clearTimeout(timer), resolve(m)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching MQTT message within ${ms} ms; got ${this.messages.length}: ${[...new Set(this.messages.map((m) => m.topic))].slice(0, 40).join(", ")}`));
      }, ms);
      this.waiters.push(waiter);
    });
  }

  /** Publishes a message. */
  async publish(topic: string, payload: string): Promise<void> {
    await this.client.publishAsync(topic, payload, { qos: 1 });
  }

  /** Disconnects. */
  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
