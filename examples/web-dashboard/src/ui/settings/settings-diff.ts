import type { SettingChange, SettingField } from "@batt/core";
import { html } from "../dom.js";
import { settingName, settingText } from "./setting-text.js";

/** The changes a write would make, one row each: the setting's name and key, from → to with units. */
export function diffList(fields: readonly SettingField[], changes: readonly SettingChange[]): HTMLElement {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return html(
    "ul",
    { class: "settings-diff", "data-field": "diff" },
    ...changes.map((change) => {
      const field = byKey.get(change.key);
      return html(
        "li",
        { "data-setting": change.key },
        html("span", { class: "diff-name" }, field ? settingName(field) : change.key, html("small", {}, change.key)),
        html("span", { class: "diff-values" }, html("span", { class: "diff-from" }, settingText(field, change.from)), " → ", html("b", { class: "diff-to" }, settingText(field, change.to))),
      );
    }),
  );
}
