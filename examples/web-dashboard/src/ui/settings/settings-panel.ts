import type { DeviceSettings } from "@batt/core";
import { html } from "../dom.js";
import type { Panel } from "../panel.js";

/** The settings editor: read all, edit with checks, diff, write; backups. Skeleton (loaded when the Settings tab opens). */
export function settingsPanel(settings: DeviceSettings): Panel {
  return { element: html("div", { class: "settings" }, `${settings.fields.length} settings`) };
}
