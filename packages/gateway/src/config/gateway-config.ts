import type { SurplusOptions } from "@batt/evcharger";

/** Timing of a device's readings, seconds (the config file's units). */
export interface PollingConfig {
  /** Seconds between readings. */
  readonly poll?: number;
  /** Seconds one reading may take before it is abandoned. */
  readonly deadline?: number;
  /** Failed readings in a row after which the device is published offline. */
  readonly offlineAfter?: number;
  /** Longest wait between retries of a failing device, seconds. */
  readonly maxBackoff?: number;
}

/**
 * Solar-surplus charging of an EV charger from a grid-power MQTT topic. The controller options
 * (`voltage`, `minCurrent` … `minOffMs`) are `SurplusOptions` of @batt/evcharger, with its defaults
 * where absent; `maxCurrent` and `phases` are further bounded by the charger's rating and wiring.
 */
export interface SurplusConfig
  extends Pick<
    SurplusOptions,
    "voltage" | "minCurrent" | "maxCurrent" | "phases" | "hysteresis" | "enableDelayMs" | "disableDelayMs" | "phaseDelayMs" | "minOnMs" | "minOffMs"
  > {
  /** MQTT topic carrying the grid power (no wildcards). */
  readonly topic: string;
  /** Dot-separated path of the value in a JSON payload; absent: the payload is a plain number. */
  readonly field?: string;
  /** Unit of the value (default W). */
  readonly unit?: "W" | "kW";
  /** Which way is positive. */
  readonly sign: "export-positive" | "import-positive";
  /** Seconds without a valid value after which the input counts as lost (default 60). */
  readonly staleAfter?: number;
  /** Whether surplus mode is on at start (default true; a retained state from a previous run wins). */
  readonly enabled?: boolean;
}

/** One device on a link, as the config file lists it. */
export interface DeviceConfig extends PollingConfig {
  /** Plugin id (`jbd`, `jk`, `icharger`, `voltaic`, `evcharger`). */
  readonly kind: string;
  /** Unique name: topic and file names. */
  readonly name: string;
  /** Name shown in Home Assistant. */
  readonly title?: string;
  /** Bus address, where the bus carries several devices. */
  readonly address?: number;
  /** Whether controls may be used from MQTT. */
  readonly writable?: boolean;
  /** Plugin options by long name. */
  readonly options?: Readonly<Record<string, string | number | boolean>>;
  /** Solar-surplus charging (EV chargers only). */
  readonly surplus?: SurplusConfig;
}

/** How a link is reached. */
export type LinkType = "serial" | "tcp" | "modbus-tcp" | "hid" | "sim";

/** One link and the devices on it. */
export interface LinkConfig {
  /** How it is reached. */
  readonly type: LinkType;
  /** Name in logs and metrics. */
  readonly name?: string;
  /** Serial device node or HID path. */
  readonly path?: string;
  /** Serial baud rate. */
  readonly baud?: number;
  /** Serial data bits. */
  readonly dataBits?: 5 | 6 | 7 | 8;
  /** Serial parity. */
  readonly parity?: "none" | "even" | "odd" | "mark" | "space";
  /** Serial stop bits. */
  readonly stopBits?: 1 | 1.5 | 2;
  /** TCP host. */
  readonly host?: string;
  /** TCP port. */
  readonly port?: number;
  /** HID vendor id. */
  readonly vendorId?: number;
  /** HID product id. */
  readonly productId?: number;
  /** The devices on it. */
  readonly devices: readonly DeviceConfig[];
}

/** The whole config file (see `schema/gateway-config.schema.json`). */
export interface GatewayConfig {
  /** The gateway's id and name. */
  readonly gateway?: { readonly id?: string; readonly name?: string };
  /** The broker; without `url` the embedded one is used. */
  readonly mqtt?: {
    readonly url?: string;
    readonly username?: string;
    readonly password?: string;
    readonly ca?: string;
    readonly cert?: string;
    readonly key?: string;
    readonly rejectUnauthorized?: boolean;
    readonly clientId?: string;
    readonly baseTopic?: string;
    readonly discoveryPrefix?: string;
  };
  /** The embedded broker's ports. */
  readonly broker?: { readonly host?: string; readonly port?: number; readonly wsPort?: number };
  /** The metrics and health HTTP server. */
  readonly http?: { readonly host?: string; readonly port: number };
  /** Reading logs. */
  readonly logs?: { readonly dir: string; readonly formats?: readonly ("jsonl" | "csv")[] };
  /** Defaults for every device. */
  readonly defaults?: PollingConfig;
  /** The links and their devices. */
  readonly links: readonly LinkConfig[];
}
