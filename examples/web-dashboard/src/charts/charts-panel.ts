import { html } from "../ui/dom.js";
import type { History } from "../history/history.js";
import type { Panel } from "../ui/panel.js";

/** The charts of one device's history (loaded only when the Charts tab opens). Skeleton. */
export function chartsPanel(history: History): Panel {
  return { element: html("div", { class: "charts" }, `${history.length} readings`) };
}
