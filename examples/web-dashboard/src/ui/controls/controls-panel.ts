import type { LiveDevice } from "../../live/live-device.js";
import { html } from "../dom.js";
import type { Panel } from "../panel.js";
import { ControlCard } from "./control-card.js";
import { controlCards, groupControls } from "./control-groups.js";
import "./controls.css";

/**
 * The device's controls, grouped per battery or channel, each showing its state from every reading
 * and offering its change behind a confirmation, reported from the device's read-back. One command
 * at a time: the others are disabled while one waits for the device. Nothing is shown for a device
 * without controls.
 */
export function controlsPanel(live: LiveDevice): Panel {
  const abort = new AbortController();
  const cards: ControlCard[] = [];
  const host = {
    signal: abort.signal,
    setBusy: (busy: boolean) => cards.forEach((c) => c.setDisabled(busy)),
  };
  const groups = groupControls(live.controls).map(({ heading, controls }) => {
    const groupCards = controlCards(controls).map((card) => new ControlCard(card, heading, host));
    cards.push(...groupCards);
    return html("div", { class: "control-group", "data-group": heading }, heading ? html("h4", {}, heading) : "", ...groupCards.map((c) => c.element));
  });
  const element = html("section", { class: "controls panel", "data-field": "controls" }, html("h3", {}, "Controls"), ...groups);
  element.hidden = cards.length === 0;
  const unsubscribe = live.subscribe({ reading: (r) => cards.forEach((card) => card.update(r)) });
  if (live.latest) for (const card of cards) card.update(live.latest);
  return {
    element,
    dispose() {
      unsubscribe();
      abort.abort();
    },
  };
}
