import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createLogger, Gateway, parseGatewayConfig, simulatorConfig, type GatewayConfig } from "@batt/gateway";
import { choiceValue, integerValue, stringValue } from "../args.js";
import type { CommandNode, OptionSpec } from "../command.js";
import { ExitCode, UsageError } from "../exit-codes.js";

const MQTT = "MQTT options";

const GATEWAY_OPTIONS: readonly OptionSpec[] = [
  { name: "config", type: "string", valueName: "FILE", description: "gateway config (YAML; see the @batt/gateway README)" },
  { name: "sim", type: "boolean", description: "no config: one simulator of every device kind" },
  { name: "http", type: "string", valueName: "PORT", description: "serve Prometheus /metrics and /healthz on this port (127.0.0.1)" },
  { name: "log-format", type: "string", valueName: "text|json", description: "log lines on stderr: readable text or JSON", default: "text" },
  { name: "log-level", type: "string", valueName: "LEVEL", description: "least severity logged: debug, info, warn, error", default: "info" },
  { name: "mqtt", type: "string", valueName: "URL", description: "external broker (mqtt://host:1883, mqtts://…); default: an embedded broker on 127.0.0.1", section: MQTT },
  { name: "mqtt-user", type: "string", valueName: "NAME", description: "broker user name", section: MQTT },
  { name: "mqtt-password", type: "string", valueName: "TEXT", description: "broker password", section: MQTT },
  { name: "mqtt-ca", type: "string", valueName: "FILE", description: "CA certificate of the broker (PEM), for mqtts://", section: MQTT },
  { name: "mqtt-cert", type: "string", valueName: "FILE", description: "client certificate (PEM)", section: MQTT },
  { name: "mqtt-key", type: "string", valueName: "FILE", description: "client key (PEM)", section: MQTT },
  {
    name: "broker-host",
    type: "string",
    valueName: "HOST",
    description: "address the embedded broker listens on (0.0.0.0: every interface, so a phone's dashboard can reach it); default 127.0.0.1",
    section: MQTT,
  },
  { name: "broker-port", type: "string", valueName: "PORT", description: "embedded broker's MQTT port (default 1883; 0: any free port)", section: MQTT },
  { name: "broker-ws-port", type: "string", valueName: "PORT", description: "embedded broker's MQTT-over-WebSocket port, for the dashboard (default 9001; 0: any free port)", section: MQTT },
];

/** The config the flags ask for: the file (or the simulators), with the command-line overrides. */
function gatewayConfig(values: Readonly<Record<string, string | boolean | undefined>>, plugins: Parameters<typeof simulatorConfig>[0]): GatewayConfig {
  const file = stringValue(values, "config");
  const sim = values["sim"] === true;
  if (file !== undefined && sim) throw new UsageError("--sim runs the simulators without a config; give --config or --sim, not both");
  if (file === undefined && !sim) throw new UsageError("give --config FILE (the links and devices to watch) or --sim");
  let config: GatewayConfig;
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(`--config: cannot read ${file}: ${(error as Error).message}`);
    }
    config = parseGatewayConfig(text, file, { plugins: new Map(plugins.map((p) => [p.id, { simulate: p.simulate !== undefined, options: (p.options ?? []).map((o) => o.name) }])) });
  } else {
    config = simulatorConfig(plugins);
  }
  const url = stringValue(values, "mqtt");
  if (url !== undefined && !/^(mqtts?|wss?):\/\/./.test(url)) throw new UsageError(`--mqtt: expected mqtt://host:port (or mqtts://, ws://, wss://), got "${url}"`);
  const mqttOverrides = Object.fromEntries(
    (
      [
        ["url", url],
        ["username", stringValue(values, "mqtt-user")],
        ["password", stringValue(values, "mqtt-password")],
        ["ca", stringValue(values, "mqtt-ca")],
        ["cert", stringValue(values, "mqtt-cert")],
        ["key", stringValue(values, "mqtt-key")],
      ] as const
    ).filter(([, v]) => v !== undefined),
  );
  const httpPort = integerValue(values, "http", 0, 65535);
  const brokerOverrides = Object.fromEntries(
    (
      [
        ["host", stringValue(values, "broker-host")],
        ["port", integerValue(values, "broker-port", 0, 65535)],
        ["wsPort", integerValue(values, "broker-ws-port", 0, 65535)],
      ] as const
    ).filter(([, v]) => v !== undefined),
  );
  const external = url !== undefined || config.mqtt?.url !== undefined;
  if (Object.keys(brokerOverrides).length > 0 && external) throw new UsageError("--broker-host/--broker-port/--broker-ws-port set up the embedded broker; with an external broker (--mqtt or mqtt.url) there is none");
  return {
    ...config,
    ...(Object.keys(brokerOverrides).length > 0 ? { broker: { ...config.broker, ...brokerOverrides } } : {}),
    ...(Object.keys(mqttOverrides).length > 0 ? { mqtt: { ...config.mqtt, ...mqttOverrides } } : {}),
    ...(httpPort !== undefined ? { http: { ...config.http, port: httpPort } } : {}),
  };
}

/**
 * `batt gateway`: the always-on service. Polls every device of the config (or one simulator of each
 * kind with `--sim`), publishes to MQTT with Home Assistant discovery, until Ctrl-C or SIGTERM,
 * then publishes offline, closes the ports and exits 0. A bad config exits 2 naming line and field.
 */
export const gatewayCommand: CommandNode = {
  kind: "command",
  name: "gateway",
  summary: "watch devices unattended and publish them to MQTT / Home Assistant",
  description:
    "Polls every device listed in --config (or one simulator of each kind with --sim), publishes readings, availability and Home Assistant discovery to MQTT (an embedded broker unless --mqtt is given), takes commands for writable devices, and runs until Ctrl-C or SIGTERM.",
  options: GATEWAY_OPTIONS,
  examples: ["batt gateway --sim", "batt gateway --sim --broker-host 0.0.0.0   # the dashboard on a phone: ws://<this machine>:9001", "batt gateway --config /etc/batt/gateway.yaml --mqtt mqtt://homeassistant.local:1883 --mqtt-user batt --mqtt-password secret", "batt gateway --sim --http 9108 --log-format json"],
  async run(context) {
    const { values, out, signal, plugins } = context;
    const format = choiceValue(values, "log-format", ["text", "json"] as const) ?? "text";
    const level = choiceValue(values, "log-level", ["debug", "info", "warn", "error"] as const) ?? "info";
    const config = gatewayConfig(values, plugins);
    const logger = createLogger({ format, level, write: (line) => out.stderr.write(line) });
    // SIGTERM (systemd, docker stop) ends it as Ctrl-C does: a clean shutdown, exit 0.
    const stopped = new AbortController();
    const onTerm = (): void => stopped.abort();
    process.on("SIGTERM", onTerm);
    const onAbort = (): void => stopped.abort();
    signal.addEventListener("abort", onAbort);
    try {
      const gateway = await Gateway.start({ config, plugins, logger });
      logger.info("gateway running", {
        mqtt: gateway.brokerUrl,
        ...(gateway.brokerWsUrl ? { ws: gateway.brokerWsUrl } : {}),
        ...(gateway.httpPort !== undefined ? { http: `http://127.0.0.1:${gateway.httpPort}` } : {}),
        devices: config.links.reduce((n, l) => n + l.devices.length, 0),
      });
      if (!stopped.signal.aborted) await once(stopped.signal, "abort");
      logger.info("stopping");
      await gateway.stop();
      logger.info("stopped");
    } finally {
      process.off("SIGTERM", onTerm);
      signal.removeEventListener("abort", onAbort);
    }
    return ExitCode.Ok;
  },
};
