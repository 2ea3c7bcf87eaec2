import type { LiveDevice } from "../../live/live-device.js";
import { html } from "../dom.js";
import type { Panel } from "../panel.js";

/** The device's controls, each behind a confirmation and reported from the device's read-back. Skeleton. */
export function controlsPanel(live: LiveDevice): Panel {
  return { element: html("div", { class: "controls", "data-field": "controls" }, ...live.controls.map((c) => html("span", {}, c.name))) };
}
