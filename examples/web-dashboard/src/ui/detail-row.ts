import type { Detail } from "../model.js";
import { html } from "./dom.js";

/** A detail as a `dt`/`dd` pair; an on/off value looks like a switch's state. */
export function detailRow(d: Detail): HTMLElement[] {
  const value = d.on === undefined ? html("dd", { "data-tone": d.tone }, d.value) : html("dd", { class: `state ${d.on ? "on" : "off"}`, "data-on": String(d.on) }, d.on ? "ON" : "OFF");
  return [html("dt", {}, d.label), value];
}
