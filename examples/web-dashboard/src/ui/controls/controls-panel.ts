import type { LiveDevice } from "../../live/live-device.js";
import { html } from "../dom.js";
import type { Panel } from "../panel.js";
import { groupControls } from "./control-groups.js";
import { ControlRow } from "./control-row.js";
import "./controls.css";

/**
 * The device's controls, grouped per battery or channel, each showing its state from every reading
 * and offering its change behind a confirmation, reported from the device's read-back. One command
 * at a time: the others are disabled while one waits for the device. Nothing is shown for a device
 * without controls.
 */
export function controlsPanel(live: LiveDevice): Panel {
  const abort = new AbortController();
  const rows: ControlRow[] = [];
  const host = {
    signal: abort.signal,
    setBusy: (busy: boolean) => rows.forEach((r) => r.setDisabled(busy)),
  };
  const groups = groupControls(live.controls).map(({ heading, controls }) => {
    const groupRows = controls.map((c) => new ControlRow(c, host));
    rows.push(...groupRows);
    return html("div", { class: "control-group", "data-group": heading }, heading ? html("h4", {}, heading) : "", ...groupRows.map((r) => r.element));
  });
  const element = html("section", { class: "controls panel", "data-field": "controls" }, html("h3", {}, "Controls"), ...groups);
  element.hidden = rows.length === 0;
  const unsubscribe = live.subscribe({ reading: (r) => rows.forEach((row) => row.update(r)) });
  if (live.latest) for (const row of rows) row.update(live.latest);
  return {
    element,
    dispose() {
      unsubscribe();
      abort.abort();
    },
  };
}
