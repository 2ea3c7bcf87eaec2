import type { ChannelReading } from "../model.js";
import { CellsChart } from "./cells-chart.js";
import { detailRow } from "./detail-row.js";
import { html, replaceChildren } from "./dom.js";
import { fixed, signed } from "./format.js";
import { HistoryChart } from "./history-chart.js";

function stat(label: string, field: string): { element: HTMLElement; value: HTMLElement } {
  const value = html("span", { class: "value", "data-field": field }, "–");
  return { element: html("div", { class: "stat" }, html("span", { class: "label" }, label), value), value };
}

/** One battery's panel: headline values, cells, temperatures, switches, alarms and history. */
export class ChannelView {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly voltage = stat("Voltage", "voltage");
  private readonly current = stat("Current", "current");
  private readonly power = stat("Power", "power");
  private readonly soc = stat("State of charge", "soc");
  private readonly socBar: HTMLElement;
  private readonly cells = new CellsChart();
  private readonly temperatures = html("ul", { class: "temperatures", "data-field": "temperatures" });
  private readonly switches = html("ul", { class: "switches", "data-field": "switches" });
  private readonly alarms = html("ul", { class: "alarms", "data-field": "alarms" });
  private readonly details = html("dl", { class: "details", "data-field": "details" });
  private readonly history = new HistoryChart();

  private readonly cellsPanel = html("div", { class: "panel cells-panel" }, html("h3", {}, "Cells"), this.cells.element);
  private readonly temperaturesPanel = html("div", { class: "panel" }, html("h3", {}, "Temperatures"), this.temperatures);
  private readonly switchesPanel = html("div", { class: "panel" }, html("h3", {}, "Switches"), this.switches);
  private readonly detailsPanel = html("div", { class: "panel" }, html("h3", {}, "Details"), this.details);

  constructor(index: number) {
    this.heading = html("h2", {}, "");
    this.socBar = html("div", { class: "soc-fill" });
    this.soc.element.append(html("div", { class: "soc-bar" }, this.socBar));
    this.element = html(
      "section",
      { class: "channel", "data-channel": index },
      this.heading,
      html("div", { class: "stats" }, this.voltage.element, this.current.element, this.power.element, this.soc.element),
      this.cellsPanel,
      html(
        "div",
        { class: "side" },
        html("div", { class: "panel" }, html("h3", {}, "Alarms"), this.alarms),
        this.switchesPanel,
        this.temperaturesPanel,
        this.detailsPanel,
      ),
      html("div", { class: "panel history-panel" }, html("h3", {}, "History"), this.history.element),
    );
  }

  update(reading: ChannelReading, at: number): void {
    replaceChildren(this.heading, reading.title);
    this.voltage.value.textContent = fixed(reading.voltage, 2, "V");
    this.current.value.textContent = signed(reading.current, 2, "A");
    this.current.value.dataset.direction = reading.current > 0 ? "charging" : reading.current < 0 ? "discharging" : "idle";
    this.power.value.textContent = signed(reading.power, 0, "W");
    // Chargers do not know a state of charge: the card is left out rather than shown empty.
    this.soc.element.hidden = reading.soc === undefined;
    this.soc.value.textContent = fixed(reading.soc, 0, "%");
    this.socBar.style.width = `${Math.max(0, Math.min(100, reading.soc ?? 0))}%`;
    // A controller or charger output without cell taps shows no empty cells box.
    this.cellsPanel.hidden = reading.cells.length === 0;
    this.cells.update(reading.cells);
    // Only the probes the reading has; a device without any shows no empty box.
    this.temperaturesPanel.hidden = reading.temperatures.length === 0;
    replaceChildren(
      this.temperatures,
      ...reading.temperatures.map((t) => html("li", { "data-tone": t.tone }, html("span", {}, t.label), html("b", {}, fixed(t.celsius, 1, "°C")))),
    );
    // On and off are states, not verdicts: off is neutral, on a calm accent (a protection shows as an alarm).
    this.switchesPanel.hidden = reading.switches.length === 0;
    replaceChildren(
      this.switches,
      ...reading.switches.map((s) => html("li", { class: s.on ? "on" : "off", "data-on": String(s.on) }, html("span", {}, s.label), html("b", { class: "state" }, s.on ? "ON" : "OFF"))),
    );
    replaceChildren(
      this.alarms,
      ...(reading.alarms.length > 0
        ? reading.alarms.map((a) => html("li", { class: "alarm", "data-tone": a.tone, "data-severity": a.severity }, a.name))
        : [html("li", { class: "none" }, "None")]),
    );
    this.detailsPanel.hidden = reading.details.length === 0;
    replaceChildren(this.details, ...reading.details.flatMap(detailRow));
    this.history.push({ at, voltage: reading.voltage, current: reading.current, ...(reading.soc !== undefined ? { soc: reading.soc } : {}) });
  }
}
