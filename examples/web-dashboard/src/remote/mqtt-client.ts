// The part of mqtt.js (browser build) the dashboard uses, typed here so that the page's type check
// does not take in mqtt.js's Node typings; `loadMqtt` is the only place the library is imported, lazily.

/** A received message's packet, as far as it is read here. */
export interface MqttPacketInfo {
  /** Whether the broker delivered it from its retained store. */
  readonly retain: boolean;
}

/** An mqtt.js client, as far as it is used here. */
export interface MqttClientLike {
  /** Whether the connection is up. */
  readonly connected: boolean;
  /** Its options; `reconnectPeriod` is read again before every reconnection attempt. */
  readonly options: { reconnectPeriod?: number };
  on(event: "connect" | "close" | "offline" | "reconnect", listener: () => void): this;
  on(event: "error", listener: (error: Error) => void): this;
  on(event: "message", listener: (topic: string, payload: Uint8Array, packet: MqttPacketInfo) => void): this;
  subscribe(filters: string[], options: { qos: 0 | 1 }, callback?: (error: Error | null) => void): this;
  publish(topic: string, payload: string, options: { qos: 0 | 1; retain: boolean }, callback?: (error?: Error) => void): this;
  end(force?: boolean, options?: object, callback?: () => void): this;
}

/** mqtt.js's `connect`, as used here. */
export type MqttConnect = (url: string, options: Record<string, unknown>) => MqttClientLike;

/**
 * Loads mqtt.js (its browser ES build, ~105 kB gzip) on first use, so that a page that never
 * watches a gateway never downloads it.
 */
export async function loadMqtt(): Promise<MqttConnect> {
  // The browser build's only export is its default (the whole library); Node's build has named exports.
  const module = (await import("mqtt")) as unknown as { connect?: MqttConnect; default?: { connect?: MqttConnect } };
  const connect = module.connect ?? module.default?.connect;
  if (!connect) throw new Error("mqtt.js loaded without a connect function");
  return connect;
}
