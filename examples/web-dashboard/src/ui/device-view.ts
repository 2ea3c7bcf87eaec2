import { formatIdentity, type DeviceReading } from "@batt/core";
import { History } from "../history/history.js";
import type { LiveDevice } from "../live/live-device.js";
import { toScreen } from "../model.js";
import { ChannelView } from "./channel-view.js";
import { controlsPanel } from "./controls/controls-panel.js";
import { DevicePanel } from "./device-panel.js";
import { html } from "./dom.js";
import type { Panel } from "./panel.js";

/** The tabs of a device's view. */
export type DeviceTab = "live" | "charts" | "settings";

/**
 * Everything shown for one device: the live panels (one per battery and the device's own), its
 * controls, the charts of its history and its settings. Charts and settings are loaded on first use,
 * so that a page that only watches carries neither.
 */
export class DeviceView implements Panel {
  /** The view's root. */
  readonly element: HTMLElement;
  /** Every reading since the view opened (what the charts draw and CSV exports). */
  readonly history = new History();
  private readonly tabs = new Map<DeviceTab, { button: HTMLButtonElement; body: HTMLElement; loaded: boolean }>();
  private readonly channelsRoot = html("div", { class: "channels" });
  private readonly devicePanel = new DevicePanel();
  private readonly controls: Panel;
  private views: ChannelView[] = [];
  private readonly parts: Panel[] = [];
  private readonly unsubscribe: () => void;

  constructor(private readonly live: LiveDevice) {
    this.controls = controlsPanel(live);
    this.parts.push(this.controls);
    const bar = html("nav", { class: "tabs", role: "tablist" });
    this.element = html("section", { class: "device-view", "data-device-key": live.key }, bar);
    const add = (tab: DeviceTab, label: string, body: HTMLElement, offered: boolean): void => {
      const button = html("button", { type: "button", role: "tab", "data-tab": tab, "aria-selected": "false" }, label);
      button.hidden = !offered;
      button.addEventListener("click", () => void this.show(tab));
      bar.append(button);
      body.dataset.tabBody = tab;
      body.hidden = true;
      this.element.append(body);
      this.tabs.set(tab, { button, body, loaded: tab === "live" });
    };
    add("live", "Live", html("div", { class: "live" }, this.controls.element, this.channelsRoot), true);
    add("charts", "Charts", html("div", { class: "charts-tab" }), true);
    add("settings", "Settings", html("div", { class: "settings-tab" }), live.settings !== undefined);
    void this.show("live");
    this.unsubscribe = live.subscribe({ reading: (r) => this.render(r) });
    if (live.latest) this.render(live.latest);
  }

  /** Opens a tab, loading its code on first use. */
  async show(tab: DeviceTab): Promise<void> {
    for (const [name, t] of this.tabs) {
      t.body.hidden = name !== tab;
      t.button.setAttribute("aria-selected", String(name === tab));
    }
    const chosen = this.tabs.get(tab)!;
    if (chosen.loaded) return;
    chosen.loaded = true;
    const part =
      tab === "charts"
        ? (await import("../charts/charts-panel.js")).chartsPanel(this.history)
        : (await import("./settings/settings-panel.js")).settingsPanel(this.live.settings!, { device: this.live.latest?.device.driver ?? "device" });
    this.parts.push(part);
    chosen.body.replaceChildren(part.element);
  }

  private render(reading: DeviceReading<unknown>): void {
    this.history.push(reading);
    const screen = toScreen(reading);
    if (this.views.length !== screen.channels.length || !this.devicePanel.element.isConnected) {
      this.views = screen.channels.map((_, i) => new ChannelView(i));
      this.channelsRoot.replaceChildren(...this.views.map((v) => v.element), this.devicePanel.element);
    }
    const at = performance.now();
    screen.channels.forEach((channel, i) => this.views[i]!.update(channel, at));
    this.devicePanel.update(screen.channels.length > 0 ? "Device" : formatIdentity(reading.device), screen.device);
  }

  /** Stops watching the device and releases the parts. */
  dispose(): void {
    this.unsubscribe();
    for (const part of this.parts) part.dispose?.();
  }
}
