import type { Detail } from "../model.js";
import { detailRow } from "./detail-row.js";
import { html, replaceChildren } from "./dom.js";

/** The device's own measurements (not of one battery): an EV charger's phases, a controller's PV input, firmware. */
export class DevicePanel {
  readonly element: HTMLElement;
  private readonly heading = html("h2", {}, "");
  private readonly list = html("dl", { class: "details", "data-field": "device" });

  constructor() {
    this.element = html("section", { class: "device-panel panel", "data-device": "" }, this.heading, this.list);
  }

  update(title: string, details: readonly Detail[]): void {
    replaceChildren(this.heading, title);
    this.element.hidden = details.length === 0;
    replaceChildren(this.list, ...details.flatMap(detailRow));
  }
}
