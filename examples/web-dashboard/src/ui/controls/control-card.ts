import { checkSettingValue, type ButtonControl, type DeviceControl, type DeviceReading, type NumberControl, type SwitchControl } from "@batt/core";
import { confirmAction, type Confirmation } from "../dialog.js";
import { html } from "../dom.js";
import { controlState, onOff, type ControlState } from "./control-state.js";
import { buttonQuestion, numberQuestion, switchQuestion, withinGroup, withUnit } from "./control-words.js";
import { errorText } from "./error-text.js";

/** What a card needs from its panel: one command at a time, and a signal that ends with the panel. */
export interface ControlHost {
  /** Marks a command under way (every control disabled) or done. */
  setBusy(busy: boolean): void;
  /** Aborted when the panel goes away. */
  readonly signal: AbortSignal;
}

/** Where a command stands, as the status line shows it. */
type Status = "idle" | "refused" | "cancelled" | "waiting" | "done" | "failed";

/**
 * One card of the controls panel: a switch, a number, or the buttons that act on one state (an
 * iCharger channel's programs, an EV charger's start and stop), with that state from the latest
 * reading, and the last command's outcome. Every command is confirmed first and reported from the
 * device's read-back; a failure leaves the state as the device reports it.
 */
export class ControlCard {
  /** The card (`data-control` holds the key of each control it shows). */
  readonly element: HTMLElement;
  private readonly title = html("span", { class: "control-name" });
  private readonly stateText = html("span", { class: "control-state", "data-field": "state", "data-tone": "unknown" }, "–");
  private readonly status = html("p", { class: "control-status", "data-field": "status", "data-status": "idle", "aria-live": "polite" });
  private readonly actions = html("div", { class: "control-actions" });
  private readonly buttons: HTMLButtonElement[] = [];
  private number?: HTMLInputElement;
  /** Whether the person typed in the number input (then readings no longer fill it). */
  private edited = false;
  /** The state the device confirmed for the last command, shown until a later reading says otherwise. */
  private confirmed: ControlState | undefined;
  /** When the device confirmed it (ms since the epoch): readings completed before then may predate the command. */
  private confirmedAt = 0;
  private read: ControlState | undefined;
  private busy = false;
  /** The control whose `state` the card shows (all of a button set share it). */
  private readonly first: DeviceControl;

  constructor(
    controls: readonly DeviceControl[],
    private readonly heading: string,
    private readonly host: ControlHost,
  ) {
    this.first = controls[0]!;
    const kind = this.first.kind;
    this.element = html(
      "div",
      { class: "control", "data-control": controls.map((c) => c.key).join(" "), "data-kind": kind },
      html("div", { class: "control-head" }, this.title, this.stateText),
      this.actions,
      this.status,
    );
    this.title.textContent = kind === "button" ? "Actions" : withinGroup(this.first.name, heading);
    for (const control of controls) {
      if (control.kind === "switch") this.addSwitch(control);
      else if (control.kind === "number") this.addNumber(control);
      else this.addButton(control);
    }
    this.render();
  }

  /** Shows the state a new reading reports. */
  update(reading: DeviceReading<unknown>): void {
    this.read = controlState(this.first, reading);
    // A later reading that shows the state replaces what the command confirmed; without one, the confirmation stays.
    if (this.read && Date.parse(reading.time) >= this.confirmedAt) this.confirmed = undefined;
    if (this.first.kind === "button") {
      const m = reading.measurements.find((x) => x.key === this.first.state);
      if (m) this.title.textContent = withinGroup(m.name, this.heading);
    }
    if (this.number && !this.edited && document.activeElement !== this.number && typeof this.read?.value === "number") this.number.value = String(this.read.value);
    this.render();
  }

  /** Disables the card while any command of the panel is under way. */
  setDisabled(busy: boolean): void {
    this.busy = busy;
    this.render();
  }

  private shown(): ControlState | undefined {
    return this.confirmed ?? this.read;
  }

  private render(): void {
    const state = this.shown();
    this.stateText.textContent = state?.text ?? (this.first.state ? "–" : "not reported");
    this.stateText.dataset.tone = state?.tone ?? "unknown";
    this.stateText.title = this.first.state ? "" : "The device does not report this state while it runs; shown as last confirmed.";
    for (const button of this.buttons) {
      const value = button.dataset.value;
      const current = value !== undefined && state?.tone === value;
      if (value !== undefined) button.setAttribute("aria-pressed", String(current));
      // Switching to the state it is in sends nothing useful; an unknown state leaves both offered.
      button.disabled = this.busy || current;
    }
    if (this.number) this.number.disabled = this.busy;
    this.element.toggleAttribute("data-busy", this.busy);
  }

  private setStatus(status: Status, text: string): void {
    this.status.dataset.status = status;
    this.status.textContent = text;
  }

  private addSwitch(control: SwitchControl): void {
    for (const on of [true, false]) {
      const button = html("button", { type: "button", class: "switch-option", "data-value": on ? "on" : "off" }, on ? "On" : "Off");
      button.addEventListener("click", () => void this.run(switchQuestion(control, on), (signal) => control.set(on, signal), onOff(on)));
      this.buttons.push(button);
      this.actions.append(button);
    }
  }

  private addNumber(control: NumberControl): void {
    const input = html("input", { type: "number", inputmode: "decimal", min: control.min, max: control.max, step: control.step, "aria-label": control.name, placeholder: `${control.min}–${control.max}` });
    input.addEventListener("input", () => {
      this.edited = true;
    });
    const set = html("button", { type: "button", "data-action": "set" }, "Set");
    set.addEventListener("click", () => {
      const value = input.value.trim() === "" ? Number.NaN : Number(input.value);
      // The control's own limits, checked as the settings editor checks a field, before any dialog.
      try {
        checkSettingValue({ key: control.key, name: control.name, type: "number", min: control.min, max: control.max, step: control.step, ...(control.unit ? { unit: control.unit } : {}) }, value);
      } catch (error) {
        this.setStatus("refused", `Not sent: ${(error as Error).message.replace(`${control.key}: `, "")}`);
        input.setAttribute("aria-invalid", "true");
        return;
      }
      input.removeAttribute("aria-invalid");
      void this.run(numberQuestion(control, value, this.shown()), (signal) => control.set(value, signal), { text: withUnit(value, control), tone: "value", value }).then((ok) => {
        if (ok) this.edited = false;
      });
    });
    this.number = input;
    this.buttons.push(set);
    this.actions.append(html("label", { class: "number-field" }, input, control.unit ? html("span", { class: "unit" }, control.unit) : ""), set);
  }

  private addButton(control: ButtonControl): void {
    const button = html("button", { type: "button", "data-action": "press", "data-control": control.key }, withinGroup(control.name, this.heading));
    button.addEventListener("click", () => void this.run(buttonQuestion(control), (signal) => control.press(signal), undefined));
    this.buttons.push(button);
    this.actions.append(button);
  }

  /** Confirms, sends, waits for the device's read-back and reports it; resolves whether the device confirmed. */
  private async run(question: Confirmation, act: (signal: AbortSignal) => Promise<void>, after: ControlState | undefined): Promise<boolean> {
    if (!(await confirmAction(question))) {
      this.setStatus("cancelled", "Cancelled: nothing was sent.");
      return false;
    }
    this.host.setBusy(true);
    this.setStatus("waiting", "Waiting for the device…");
    try {
      await act(this.host.signal);
      if (after) {
        this.confirmed = after;
        this.confirmedAt = Date.now();
      }
      this.setStatus("done", after ? `Done: the device reads back ${after.text}.` : "Done: the device confirmed it.");
      return true;
    } catch (error) {
      if (this.host.signal.aborted) return false;
      this.setStatus("failed", `Failed: ${errorText(error)}`);
      return false;
    } finally {
      this.host.setBusy(false);
    }
  }
}
