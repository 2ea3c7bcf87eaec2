import { isBattError } from "@batt/core";
import { html } from "../ui/dom.js";
import { DeviceView } from "../ui/device-view.js";
import type { Panel } from "../ui/panel.js";
import type { GatewayConnection, GatewayStatus } from "./gateway-connection.js";
import type { GatewayDevice } from "./gateway-device.js";
import { defaultGatewayUrl, parseGatewayUrl } from "./gateway-url.js";
import "./gateway-form.css";

/** What the form's status line says, for styling and tests (`data-state`). */
type FormState = "idle" | "connecting" | "live" | "lost" | "error";

/** The page's hook on the open gateway connection, for the console and browser tests. */
declare global {
  interface Window {
    /** The gateway connection the page watches, while there is one. */
    battGateway?: GatewayConnection;
  }
}

function message(error: unknown): string {
  return isBattError(error) ? error.message : error instanceof Error ? error.message : String(error);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Where the form's parts go when a gateway is connected and when it is let go (see {@link mountGatewayForm}). */
export interface GatewayPlacement {
  /** Connected: the devices area is to be shown. */
  opened?(form: GatewayForm): void;
  /** Disconnected: the devices area is to be taken away. */
  closed?(form: GatewayForm): void;
}

/** Where the page puts device views (the shell's `Stage`). */
export interface GatewayStage {
  /** Shows a view under a key. */
  show(key: string, panel: Panel): void;
  /** Takes the view under a key away. */
  remove(key: string): void;
}

/** The page's places for the gateway form. */
export interface GatewayMount {
  /** Where the form sits while no gateway is watched (the first screen's `#gateway-entry`). */
  readonly entry: HTMLElement;
  /** Where the form moves while a gateway is watched, since the first screen then steps aside (`#gateway-entry-toolbar`). */
  readonly toolbar?: HTMLElement;
  /** Where the gateway's devices are shown (default: right after `entry`). */
  readonly stage?: GatewayStage;
}

/** The stage key of the gateway's devices. */
export const GATEWAY_STAGE_KEY = "gateway";

/**
 * "Watch a gateway": an address field with Connect/Disconnect and the connection's state, and once
 * connected, a switcher of the gateway's devices (each with its availability) over the same
 * {@link DeviceView} a local device gets. The MQTT code is loaded when Connect is pressed.
 */
export class GatewayForm {
  /** The address, Connect/Disconnect and status. */
  readonly form: HTMLFormElement;
  /** The gateway's devices and the view of the chosen one (hidden while not connected). */
  readonly area: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly connectButton = html("button", { type: "submit", class: "gateway-connect" }, "Watch gateway");
  private readonly disconnectButton = html("button", { type: "button", class: "gateway-disconnect" }, "Disconnect gateway");
  private readonly statusLine = html("span", { class: "gateway-status", role: "status", "data-state": "idle" }, "");
  private readonly switcher = html("nav", { class: "gateway-devices", "aria-label": "Gateway devices" });
  private readonly banner = html("p", { class: "gateway-banner" });
  private readonly viewRoot = html("div", { class: "gateway-view" });
  private connection: GatewayConnection | undefined;
  private shown: { device: GatewayDevice; view: DeviceView; off: () => void; controls: unknown } | undefined;
  private readonly offs: (() => void)[] = [];

  constructor(
    initialUrl: string,
    private readonly placement: GatewayPlacement = {},
  ) {
    this.input = html("input", { type: "text", name: "gateway", inputmode: "url", autocomplete: "url", spellcheck: "false", "aria-label": "Gateway address", placeholder: "ws://raspberrypi.local:9001" });
    this.input.value = initialUrl;
    this.disconnectButton.hidden = true;
    this.form = html("form", { class: "gateway-form" }, html("label", {}, html("span", {}, "Gateway"), this.input), this.connectButton, this.disconnectButton, this.statusLine);
    this.banner.hidden = true;
    this.area = html("section", { class: "gateway-remote", "aria-label": "Gateway" }, this.switcher, this.banner, this.viewRoot);
    this.area.hidden = true;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.connect();
    });
    this.disconnectButton.addEventListener("click", () => void this.disconnect());
    this.setState("idle", "Its embedded broker serves browsers on port 9001 (MQTT over WebSocket).");
  }

  /** Whether a gateway is watched (connected or reconnecting). */
  get watching(): boolean {
    return this.connection !== undefined;
  }

  /** Connects to the address in the field (disconnecting first from any other). */
  async connect(): Promise<void> {
    const parsed = parseGatewayUrl(this.input.value);
    if ("problem" in parsed) {
      this.setState("error", parsed.problem);
      return;
    }
    await this.disconnect();
    const { url } = parsed;
    this.input.value = url;
    this.connectButton.disabled = true;
    this.input.disabled = true;
    this.setState("connecting", `Connecting to ${url}…`);
    try {
      const { connectGateway } = await import("./gateway-connection.js");
      const connection = await connectGateway(url);
      this.connection = connection;
      window.battGateway = connection;
      this.offs.push(
        connection.onStatus((status, detail) => this.statusChanged(status, detail)),
        connection.onDevices(() => this.renderDevices()),
      );
      this.disconnectButton.hidden = false;
      this.connectButton.hidden = true;
      this.area.hidden = false;
      this.form.dataset.connected = "";
      this.placement.opened?.(this);
      this.renderDevices();
    } catch (error) {
      this.connectButton.disabled = false;
      this.input.disabled = false;
      this.setState("error", `Could not connect: ${message(error)}`);
    }
  }

  /** Disconnects and clears the devices. */
  async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (window.battGateway === connection) delete window.battGateway;
    for (const off of this.offs.splice(0)) off();
    this.show(undefined);
    this.switcher.replaceChildren();
    this.area.hidden = true;
    this.connectButton.hidden = false;
    this.connectButton.disabled = false;
    this.input.disabled = false;
    this.disconnectButton.hidden = true;
    delete this.form.dataset.connected;
    if (connection) this.placement.closed?.(this);
    if (connection) {
      await connection.close();
      this.setState("idle", "Disconnected from the gateway.");
    }
  }

  private statusChanged(status: GatewayStatus, detail?: string): void {
    if (status === "reconnecting") this.setState("lost", `Connection lost — ${detail ?? "reconnecting"}…`);
    else if (status === "connected") this.renderDevices();
    else if (status === "closed" && detail) this.setState("error", detail);
  }

  private setState(state: FormState, text: string): void {
    this.statusLine.dataset.state = state;
    this.statusLine.textContent = text;
  }

  /** The switcher, the status line's count, and the view of the chosen device (the first, until one is picked). */
  private renderDevices(): void {
    const connection = this.connection;
    if (!connection) return;
    const devices = connection.devices;
    // A device found later (first read after we connected) gets a chip; chips are made once and kept.
    const chips = new Map([...this.switcher.children].map((c) => [(c as HTMLElement).dataset.deviceKey, c as HTMLButtonElement]));
    const ordered = devices.map((device) => chips.get(device.key) ?? this.chip(device));
    this.switcher.replaceChildren(...ordered);
    this.switcher.hidden = devices.length < 2;
    for (const device of devices) this.updateChip(device);
    if (connection.status === "connected") {
      const online = devices.filter((d) => d.online).length;
      const gatewayDown = devices.length > 0 && devices.every((d) => d.gatewayOnline === false);
      this.setState(
        gatewayDown ? "lost" : "live",
        gatewayDown ? `${connection.url}: the gateway is offline` : `Connected to ${connection.url} · ${plural(devices.length, "device")}, ${online} online`,
      );
    }
    if (!this.shown && devices[0]) this.show(devices[0]);
  }

  private chip(device: GatewayDevice): HTMLButtonElement {
    const chip = html("button", { type: "button", class: "gateway-device", "data-device-key": device.key }, html("span", { class: "dot", "aria-hidden": "true" }), html("span", { class: "name" }));
    chip.addEventListener("click", () => this.show(device));
    this.offs.push(
      device.onChange(() => {
        this.updateChip(device);
        if (this.shown?.device === device) this.refreshShown();
        if (this.connection?.status === "connected") this.renderDevices();
      }),
    );
    return chip;
  }

  private updateChip(device: GatewayDevice): void {
    const chip = this.switcher.querySelector<HTMLButtonElement>(`[data-device-key="${CSS.escape(device.key)}"]`);
    if (!chip) return;
    chip.querySelector(".name")!.textContent = device.title;
    chip.dataset.available = device.available === undefined ? "unknown" : String(device.online);
    chip.title = `${device.title}: ${device.online ? "online" : device.gatewayOnline === false ? "gateway offline" : device.available === false ? "offline" : "no word yet"}`;
    chip.setAttribute("aria-pressed", String(this.shown?.device === device));
  }

  /** Shows a device in the view (or none). */
  private show(device: GatewayDevice | undefined): void {
    if (this.shown?.device === device) return;
    if (this.shown) {
      this.shown.off();
      this.shown.view.dispose();
      this.shown = undefined;
    }
    this.viewRoot.replaceChildren();
    this.area.dataset.readings = "0";
    if (!device) return;
    const view = new DeviceView(device);
    let readings = 0;
    const off = device.subscribe({ reading: () => (this.area.dataset.readings = String(++readings)) });
    this.shown = { device, view, off, controls: device.controls };
    this.viewRoot.replaceChildren(view.element);
    this.area.dataset.shown = device.key;
    for (const d of this.connection?.devices ?? []) this.updateChip(d);
    this.refreshShown();
  }

  /** Availability banner of the shown device, and a new view when the gateway announced other controls. */
  private refreshShown(): void {
    const shown = this.shown;
    if (!shown) return;
    const { device } = shown;
    const down = device.gatewayOnline === false ? "The gateway is offline." : device.available === false ? `${device.title} is offline: the gateway cannot read it.` : "";
    this.banner.textContent = down;
    this.banner.hidden = down === "";
    this.area.dataset.available = String(device.online);
    if (shown.controls !== device.controls) {
      this.show(undefined);
      this.show(device);
    }
  }
}

/**
 * Puts the gateway form on the page: into `entry`, and while a gateway is watched, its devices on the
 * stage and the form (its status and Disconnect) in the toolbar. While another device is on screen (the
 * first screen hidden), the toolbar offers a "Gateway…" button that brings the form up there.
 */
export function mountGatewayForm(mount: GatewayMount): GatewayForm {
  const { entry, toolbar, stage } = mount;
  const open = html("button", { type: "button", class: "gateway-open" }, "Gateway…");
  const home = (f: GatewayForm) => {
    entry.append(f.form);
    open.hidden = false;
  };
  const form = new GatewayForm(defaultGatewayUrl(window.location), {
    opened(f) {
      if (stage) stage.show(GATEWAY_STAGE_KEY, { element: f.area });
      else entry.after(f.area);
      if (toolbar) toolbar.append(f.form);
      open.hidden = true;
    },
    closed(f) {
      if (stage) stage.remove(GATEWAY_STAGE_KEY);
      else f.area.remove();
      home(f);
    },
  });
  entry.append(form.form);
  if (toolbar) {
    open.addEventListener("click", () => {
      toolbar.append(form.form);
      open.hidden = true;
      form.form.querySelector("input")?.focus();
    });
    toolbar.append(open);
    // When the first screen comes back (nothing on screen), an unused form returns to it.
    new MutationObserver(() => {
      if (document.body.dataset.screen !== "devices" && !form.watching && toolbar.contains(form.form)) home(form);
    }).observe(document.body, { attributes: true, attributeFilter: ["data-screen"] });
  }
  return form;
}
