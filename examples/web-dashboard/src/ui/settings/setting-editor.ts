import { checkSettingValue, type SettingField, type SettingValue } from "@batt/core";
import { html } from "../dom.js";
import { numberText, settingName, settingText } from "./setting-text.js";

/** What an editor holds now: a value the field accepts, or why not. */
export type EditorValue = { readonly ok: true; readonly value: SettingValue } | { readonly ok: false; readonly error: string };

type Input = HTMLInputElement | HTMLSelectElement;

function inputFor(field: SettingField, id: string): Input {
  switch (field.type) {
    case "number":
      return html("input", { id, type: "number", inputmode: "decimal", min: field.min, max: field.max, step: field.step ?? "any" });
    case "boolean":
      return html("input", { id, type: "checkbox" });
    case "enum":
      return html("select", { id }, ...(field.choices ?? []).map((c, i) => html("option", { value: String(i) }, c.label)));
    case "date":
      return html("input", { id, type: "date" });
    case "text":
      return html("input", { id, type: "text", maxlength: field.maxLength, autocomplete: "off" });
  }
}

/**
 * One setting in the form: its name, unit and range, an input of its type (read-only fields as text),
 * and an inline message checked with core's `checkSettingValue` as the person types.
 */
export class SettingEditor {
  /** The row (`data-setting` is the field's key). */
  readonly element: HTMLElement;
  private readonly input: Input | undefined;
  private readonly shown = html("span", { class: "setting-value" });
  private readonly message = html("span", { class: "setting-message", "data-field": "message", "aria-live": "polite" });
  private base: SettingValue | undefined;
  /** Whether the input holds a value put there by a person or a backup, not only the device's. */
  private touched = false;

  constructor(
    /** The field edited. */
    readonly field: SettingField,
    private readonly changed: () => void,
  ) {
    const id = `setting-${field.key.replace(/[^a-z0-9_-]/gi, "-")}`;
    const range = field.type === "number" && (field.min !== undefined || field.max !== undefined) ? `${field.min ?? "…"} to ${field.max ?? "…"}${field.unit ? ` ${field.unit}` : ""}` : "";
    const label = html("label", { for: id, class: "setting-name" }, settingName(field), html("small", {}, field.key));
    this.element = html("div", { class: "setting", "data-setting": field.key, "data-type": field.type }, label);
    if (field.readOnly) {
      this.element.dataset.readOnly = "";
      this.element.append(html("div", { class: "setting-input" }, this.shown));
    } else {
      this.input = inputFor(field, id);
      this.input.addEventListener(field.type === "boolean" || field.type === "enum" ? "change" : "input", () => {
        this.touched = true;
        this.check();
      });
      const unit = field.unit && field.type === "number" ? html("span", { class: "unit" }, field.unit) : "";
      const control = field.type === "boolean" ? html("label", { class: "toggle" }, this.input, html("span", {}, "on")) : this.input;
      this.element.append(html("div", { class: "setting-input" }, control, unit));
    }
    this.element.append(html("span", { class: "setting-range" }, range), this.message);
  }

  /** Whether the device has this setting (as last read). */
  get onDevice(): boolean {
    return this.base !== undefined;
  }

  /**
   * Shows a value (the device's, or a backup's) and checks it; `asBase` makes it the device's value
   * the edit is compared with. A setting the device lacks cannot be edited.
   */
  set(value: SettingValue | undefined, asBase = false): void {
    if (asBase) {
      this.base = value;
      this.touched = false;
    } else this.touched = true;
    this.element.toggleAttribute("data-missing", this.base === undefined);
    if (this.input) this.input.disabled = this.base === undefined;
    this.shown.textContent = settingText(this.field, value);
    const input = this.input;
    if (!input || value === undefined) return;
    if (input instanceof HTMLSelectElement) input.value = String(this.field.choices?.findIndex((c) => c.value === value) ?? -1);
    else if (input.type === "checkbox") input.checked = value === true;
    else input.value = typeof value === "number" ? numberText(this.field, value) : String(value);
    this.check();
  }

  /** The value the input holds, checked against the field; `undefined` for a read-only field or one the device lacks and nobody filled. */
  value(): EditorValue | undefined {
    const input = this.input;
    if (!input) return undefined;
    // A setting the device lacks is no change unless someone put a value there.
    if (this.base === undefined && !this.touched) return undefined;
    let value: SettingValue;
    if (input instanceof HTMLSelectElement) {
      const choice = this.field.choices?.[Number(input.value)];
      if (!choice) return { ok: false, error: "needs a choice" };
      value = choice.value;
    } else if (input.type === "checkbox") value = input.checked;
    else if (this.field.type === "number") value = input.value.trim() === "" ? Number.NaN : Number(input.value);
    else value = input.value;
    try {
      checkSettingValue(this.field, value);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: (error as Error).message.replace(`${this.field.key}: `, "") };
    }
  }

  private check(): void {
    const v = this.value();
    const error = v && !v.ok ? v.error : "";
    this.message.textContent = error;
    this.element.toggleAttribute("data-invalid", error !== "");
    this.input?.setAttribute("aria-invalid", String(error !== ""));
    this.changed();
  }
}
