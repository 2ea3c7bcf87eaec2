import { diffSettingValues, type DeviceSettings, type SettingChange, type SettingsFileFormat, type SettingValue, type SettingValues } from "@batt/core";
import { errorText } from "../controls/error-text.js";
import { confirmAction } from "../dialog.js";
import { html } from "../dom.js";
import type { Panel } from "../panel.js";
import { SettingEditor } from "./setting-editor.js";
import { settingName } from "./setting-text.js";
import { diffList } from "./settings-diff.js";
import { backupFileName, downloadBackup, readBackup } from "./settings-files.js";
import "./settings.css";

/** Options of {@link settingsPanel}. */
export interface SettingsPanelOptions {
  /** The device's name in backup file names (`jbd` → `jbd-settings-2026-12-06.json`; default `device`). */
  readonly device?: string;
}

type Status = "idle" | "busy" | "done" | "failed";

/**
 * The settings editor: reads every setting when it opens, shows them grouped with units and ranges,
 * checks each value as the person types, lists the changes (from → to) and writes them only after a
 * confirmation that lists them again; the form then shows the values the device read back. Backups
 * download in each of the device's formats; a restored file goes through the same diff and
 * confirmation. Loaded when the Settings tab first opens.
 */
export function settingsPanel(settings: DeviceSettings, options: SettingsPanelOptions = {}): Panel {
  const abort = new AbortController();
  const formats: readonly SettingsFileFormat[] = settings.formats ?? [];
  let current: SettingValues | undefined;
  let changes: SettingChange[] = [];
  let busy = false;
  let quiet = false;

  const status = html("p", { class: "settings-status", "data-field": "status", "data-status": "idle", "aria-live": "polite" });
  const readButton = html("button", { type: "button", "data-action": "read" }, "Read all");
  const downloads = formats.map((format) => {
    const button = html("button", { type: "button", "data-action": "download", "data-format": format.id }, `Download ${format.name}`);
    button.addEventListener("click", () => download(format));
    return button;
  });
  const restoreInput = html("input", { type: "file", accept: formats.map((f) => f.extension).join(","), "data-action": "restore", class: "visually-hidden" });
  const restoreLabel = html("label", { class: "button-like" }, "Restore a backup…", restoreInput);
  const editors = settings.fields.map((field) => new SettingEditor(field, () => quiet || refresh()));
  const groups = new Map<string, HTMLElement>();
  for (const editor of editors) {
    const heading = editor.field.group ?? "General";
    let group = groups.get(heading);
    if (!group) {
      group = html("fieldset", { class: "settings-group", "data-group": heading }, html("legend", {}, heading));
      groups.set(heading, group);
    }
    group.append(editor.element);
  }
  const form = html("form", { class: "settings-form", "data-field": "form" }, ...groups.values());
  form.hidden = true;
  form.addEventListener("submit", (event) => event.preventDefault());

  const diffBox = html("div", { class: "settings-diff-box" });
  const problem = html("p", { class: "settings-problem", "data-field": "problem" });
  const summary = html("h3", {}, "No changes");
  const discardButton = html("button", { type: "button", "data-action": "discard" }, "Discard");
  const writeButton = html("button", { type: "button", "data-action": "write", class: "primary" }, "Write…");
  const changesBox = html("section", { class: "settings-changes", "data-field": "changes" }, summary, diffBox, problem, html("div", { class: "settings-actions" }, discardButton, writeButton));
  changesBox.hidden = true;

  const element = html(
    "div",
    { class: "settings", "data-field": "settings" },
    html("div", { class: "settings-bar" }, readButton, ...downloads, formats.length > 0 ? restoreLabel : ""),
    status,
    form,
    changesBox,
  );

  function setStatus(state: Status, text: string): void {
    status.dataset.status = state;
    status.textContent = text;
  }

  function setBusy(value: boolean): void {
    busy = value;
    element.toggleAttribute("data-busy", busy);
    readButton.disabled = busy;
    for (const b of downloads) b.disabled = busy || current === undefined;
    restoreInput.disabled = busy;
    restoreLabel.toggleAttribute("data-disabled", busy);
    refresh();
  }

  /** Shows the device's values as the form's base, edits dropped. */
  function show(values: SettingValues): void {
    current = values;
    quiet = true;
    for (const editor of editors) editor.set(values[editor.field.key], true);
    quiet = false;
    form.hidden = false;
    refresh();
  }

  /** Recomputes the changes from the form: what differs from the device, whether every value is accepted. */
  function refresh(): void {
    if (!current) return;
    const target: Record<string, SettingValue> = {};
    const refused: string[] = [];
    for (const editor of editors) {
      const v = editor.value();
      if (!v) continue;
      if (v.ok) target[editor.field.key] = v.value;
      else refused.push(settingName(editor.field));
    }
    changes = diffSettingValues(settings.fields, current, target);
    let why = refused.length > 0 ? `Fix ${refused.length === 1 ? "this value" : `these ${refused.length} values`} before writing: ${refused.join(", ")}.` : "";
    if (!why && changes.length > 0) {
      try {
        settings.check(Object.fromEntries(changes.map((c) => [c.key, c.to])));
      } catch (error) {
        why = errorText(error);
      }
    }
    summary.textContent = changes.length === 0 ? "No changes" : `${changes.length} ${changes.length === 1 ? "change" : "changes"} to write`;
    diffBox.replaceChildren(diffList(settings.fields, changes));
    problem.textContent = why;
    problem.hidden = why === "";
    changesBox.hidden = changes.length === 0 && why === "";
    writeButton.disabled = busy || changes.length === 0 || why !== "";
    discardButton.disabled = busy;
    writeButton.textContent = changes.length > 0 ? `Write ${changes.length} ${changes.length === 1 ? "change" : "changes"}…` : "Write…";
  }

  async function work(doing: string, task: () => Promise<void>): Promise<void> {
    setBusy(true);
    setStatus("busy", doing);
    try {
      await task();
    } catch (error) {
      if (!abort.signal.aborted) setStatus("failed", `Failed: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  }

  async function readAll(): Promise<void> {
    const values = await settings.read(abort.signal);
    show(values);
    const count = Object.keys(values).length;
    setStatus("done", `Read ${count} ${count === 1 ? "setting" : "settings"} at ${new Date().toLocaleTimeString()}.`);
  }

  async function write(): Promise<void> {
    const wanted = Object.fromEntries(changes.map((c) => [c.key, c.to]));
    const count = changes.length;
    const ok = await confirmAction({
      title: `Write ${count} ${count === 1 ? "setting" : "settings"} to the device?`,
      body: [diffList(settings.fields, changes), "Each value is read back after it is written; settings that already hold the value are not written again."],
      confirm: `Write ${count}`,
    });
    if (!ok) {
      setStatus("idle", "Not written: cancelled.");
      return;
    }
    await work(`Writing ${count} ${count === 1 ? "setting" : "settings"}…`, async () => {
      const result = await settings.write(wanted, abort.signal);
      show({ ...current, ...result.values });
      const names = (keys: readonly string[]) => (keys.length > 0 ? keys.join(", ") : "none");
      setStatus("done", `Written and read back: ${names(result.written)}. Unchanged: ${names(result.unchanged)}.`);
    });
  }

  function download(format: SettingsFileFormat): void {
    if (!current) return;
    try {
      const name = backupFileName(options.device ?? "device", format);
      downloadBackup(current, format, name);
      setStatus("done", `Saved ${name} (the values read from the device).`);
    } catch (error) {
      setStatus("failed", `Failed: ${errorText(error)}`);
    }
  }

  async function restore(file: File): Promise<void> {
    await work(`Reading ${file.name} and the device's current values…`, async () => {
      const { format, values } = await readBackup(file, formats);
      await readAll();
      const writable = new Set(editors.filter((e) => e.onDevice && !e.field.readOnly).map((e) => e.field.key));
      const ignored = Object.keys(values).filter((k) => !writable.has(k));
      quiet = true;
      for (const editor of editors) if (writable.has(editor.field.key) && editor.field.key in values) editor.set(values[editor.field.key]);
      quiet = false;
      refresh();
      const note = ignored.length > 0 ? ` Not settings this device has or takes, left out: ${ignored.join(", ")}.` : "";
      const differs = changes.length === 0 ? "every value matches the device: nothing to write." : `${changes.length} ${changes.length === 1 ? "value differs" : "values differ"} from the device. Review and write.`;
      setStatus("done", `${file.name} (${format.name}): ${differs}${note}`);
    });
  }

  readButton.addEventListener("click", () => void work("Reading every setting…", readAll));
  writeButton.addEventListener("click", () => void write());
  discardButton.addEventListener("click", () => current && show(current));
  restoreInput.addEventListener("change", () => {
    const file = restoreInput.files?.[0];
    restoreInput.value = "";
    if (file) void restore(file);
  });

  void work("Reading every setting…", readAll);
  return { element, dispose: () => abort.abort() };
}
