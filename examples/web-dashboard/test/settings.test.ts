import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Download, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { SettingField } from "@batt/core";
import { decimalsOf, numberText, settingName, settingText } from "../src/ui/settings/setting-text.js";
import { backupFileName } from "../src/ui/settings/settings-files.js";
import { SCREENSHOTS, dashboardForFile, startDemo } from "./harness.js";

// The settings editor against the JBD simulator in the page: read, edit with inline checks, the diff
// before any write, write behind a confirmation with read-back, JSON and .fig backups, restore with a diff.

const dashboard = dashboardForFile();

const input = (page: Page, key: string): Locator => page.locator(`.settings [data-setting="${key}"] input`);
const status = (page: Page): Locator => page.locator('.settings [data-field="status"]');
const diffRows = (page: Page): Locator => page.locator('.settings-changes [data-field="diff"] li');
const writeButton = (page: Page): Locator => page.locator('.settings [data-action="write"]');

/** Opens the JBD demo's Settings tab and waits until every setting is read. */
async function openSettings(page: Page): Promise<void> {
  await startDemo(page, "jbd");
  await page.click('[data-tab="settings"]');
  await page.locator('.settings [data-field="status"][data-status="done"]').waitFor({ timeout: 20_000 });
}

/** Reads every setting again and waits for it. */
async function readAgain(page: Page): Promise<void> {
  await page.click('.settings [data-action="read"]');
  await page.locator('.settings [data-field="status"][data-status="done"]').filter({ hasText: /^Read \d+ settings/ }).waitFor();
}

/** Confirms the write dialog (checking it lists `keys`) and waits for the result. */
async function confirmWrite(page: Page, keys: string[], screenshot?: string): Promise<string> {
  await writeButton(page).click();
  const dialog = page.locator("dialog[data-confirm]");
  await dialog.waitFor();
  expect(await dialog.locator("li[data-setting]").evaluateAll((li) => li.map((e) => e.getAttribute("data-setting")))).toEqual(keys);
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-action"))).toBe("cancel");
  if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, `${screenshot}.png`) });
  await dialog.locator('[data-action="confirm"]').click();
  await page.locator('.settings [data-field="status"][data-status="done"]').filter({ hasText: /^Written/ }).waitFor({ timeout: 20_000 });
  return status(page).innerText();
}

async function download(page: Page, format: string): Promise<{ name: string; text: string }> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent("download"), page.click(`.settings [data-action="download"][data-format="${format}"]`)]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, "utf8") };
}

describe("setting values as text", () => {
  const volts: SettingField = { key: "covp", name: "cell overvoltage", type: "number", unit: "V", min: 1, max: 5, step: 0.001 };
  const delay: SettingField = { key: "sc_delay", name: "short-circuit delay", type: "enum", choices: [{ value: 70, label: "70 µs" }, { value: 100, label: "100 µs" }] };

  it("shows numbers at the field's resolution with units, choices by label, on/off, absent values", () => {
    expect([decimalsOf(0.001), decimalsOf(0.1), decimalsOf(1), decimalsOf(undefined), decimalsOf(0.25)]).toEqual([3, 1, 0, 0, 1]);
    expect(numberText(volts, 3.6500000000000004)).toBe("3.65");
    expect(settingText(volts, 3.6500000000000004)).toBe("3.65 V");
    expect(settingText(delay, 100)).toBe("100 µs");
    expect(settingText(undefined, true)).toBe("on");
    expect(settingText(volts, undefined)).toBe("–");
    expect(settingName(volts)).toBe("Cell overvoltage");
  });

  it("names a backup after the device, the local date and the format's extension", () => {
    const json = { id: "json", name: "JSON backup", extension: ".json", mediaType: "application/json", encode: () => new Uint8Array(), decode: () => ({}) };
    expect(backupFileName("jbd", json, new Date(2026, 11, 6, 23, 30))).toBe("jbd-settings-2026-12-06.json");
  });
});

describe("settings", () => {
  it("JBD demo (desktop): values read, two edited, the diff shows exactly those, written, read again; an out-of-range value blocks the write", async () => {
    const page = await dashboard.open("desktop");
    await openSettings(page);
    const designCap = Number(await input(page, "design_cap").inputValue());
    const covpDelay = Number(await input(page, "covp_delay").inputValue());
    expect(designCap).toBeGreaterThan(0);
    expect(await page.locator('.settings [data-setting="design_cap"] .unit').innerText()).toBe("Ah");
    expect(await diffRows(page).count()).toBe(0);

    const newCap = designCap + 20;
    const newDelay = covpDelay === 5 ? 6 : 5;
    await input(page, "design_cap").fill(String(newCap));
    await input(page, "covp_delay").fill(String(newDelay));
    expect(await diffRows(page).evaluateAll((li) => li.map((e) => e.getAttribute("data-setting")))).toEqual(["design_cap", "covp_delay"]);
    expect(await diffRows(page).nth(0).locator(".diff-values").innerText()).toBe(`${designCap} Ah → ${newCap} Ah`);
    expect(await diffRows(page).nth(1).locator(".diff-values").innerText()).toBe(`${covpDelay} s → ${newDelay} s`);
    await dashboard.screenshot(page, "settings-diff-desktop");

    // An out-of-range value: flagged where it is typed, and no write while it stands.
    const covp = await input(page, "covp").inputValue();
    await input(page, "covp").fill("6");
    expect(await page.locator('.settings [data-setting="covp"] [data-field="message"]').innerText()).toBe("6 V is above the greatest value, 5 V");
    expect(await input(page, "covp").getAttribute("aria-invalid")).toBe("true");
    expect(await writeButton(page).isDisabled()).toBe(true);
    expect(await page.locator('.settings [data-field="problem"]').innerText()).toContain("Cell overvoltage");
    await dashboard.screenshot(page, "settings-invalid-desktop");
    await input(page, "covp").fill(covp);
    expect(await writeButton(page).isDisabled()).toBe(false);
    // A relation the device checks (a release above its threshold): the BattError with its code, no write.
    const covpRel = await input(page, "covp_rel").inputValue();
    await input(page, "covp_rel").fill(String(Number(covp) + 0.1));
    expect(await page.locator('.settings [data-field="problem"]').innerText()).toMatch(/\(invalid-argument\)$/);
    expect(await writeButton(page).isDisabled()).toBe(true);
    await input(page, "covp_rel").fill(covpRel);
    expect(await writeButton(page).isDisabled()).toBe(false);

    const result = await confirmWrite(page, ["design_cap", "covp_delay"], "settings-confirm-desktop-viewport");
    expect(result).toBe("Written and read back: design_cap, covp_delay. Unchanged: none.");
    expect(await diffRows(page).count()).toBe(0);
    await readAgain(page);
    expect(Number(await input(page, "design_cap").inputValue())).toBe(newCap);
    expect(Number(await input(page, "covp_delay").inputValue())).toBe(newDelay);
    expect(await diffRows(page).count()).toBe(0);
    await dashboard.screenshot(page, "settings-written-desktop");
    await page.close();
  }, 120_000);

  it("JBD demo (phone): JSON and .fig backups download; a changed value is restored from the JSON through the diff; the .fig matches again", async () => {
    const page = await dashboard.open("phone");
    await openSettings(page);
    const cuvpDelay = Number(await input(page, "cuvp_delay").inputValue());

    const json = await download(page, "json");
    expect(json.name).toMatch(/^jbd-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(json.text) as { format: string; settings: Record<string, unknown> };
    expect(doc.format).toBe("batt-jbd-settings");
    expect(doc.settings["cuvp_delay"]).toBe(cuvpDelay);
    const fig = await download(page, "fig");
    expect(fig.name).toMatch(/^jbd-settings-\d{4}-\d{2}-\d{2}\.fig$/);
    for (const key of ["DesignCapacity", "CellOverVoltage", "CellUnderVoltage", "BatteryConfig"]) expect(fig.text).toContain(key);

    // Change one value on the device, then restore the backup taken before.
    const changed = cuvpDelay === 9 ? 10 : 9;
    await input(page, "cuvp_delay").fill(String(changed));
    await confirmWrite(page, ["cuvp_delay"]);
    await page.setInputFiles('.settings input[data-action="restore"]', { name: json.name, mimeType: "application/json", buffer: Buffer.from(json.text) });
    await page.locator('.settings [data-field="status"][data-status="done"]').filter({ hasText: json.name }).waitFor({ timeout: 20_000 });
    expect(await status(page).innerText()).toBe(`${json.name} (JSON backup): 1 value differs from the device. Review and write.`);
    expect(await diffRows(page).evaluateAll((li) => li.map((e) => e.getAttribute("data-setting")))).toEqual(["cuvp_delay"]);
    expect(await diffRows(page).nth(0).locator(".diff-values").innerText()).toBe(`${changed} s → ${cuvpDelay} s`);
    await dashboard.screenshot(page, "settings-restore-phone");
    // What the phone shows: the changes stay in view at the bottom while the long form scrolls.
    await page.screenshot({ path: join(SCREENSHOTS, "settings-restore-phone-viewport.png") });
    await confirmWrite(page, ["cuvp_delay"], "settings-confirm-phone-viewport");
    await readAgain(page);
    expect(Number(await input(page, "cuvp_delay").inputValue())).toBe(cuvpDelay);
    expect(await diffRows(page).count()).toBe(0);
    // The .fig taken at the start holds what the device holds again.
    await page.setInputFiles('.settings input[data-action="restore"]', { name: fig.name, mimeType: "text/plain", buffer: Buffer.from(fig.text) });
    await page.locator('.settings [data-field="status"][data-status="done"]').filter({ hasText: fig.name }).waitFor({ timeout: 20_000 });
    expect(await status(page).innerText()).toBe(`${fig.name} (JBDTools .fig): every value matches the device: nothing to write.`);
    expect(await diffRows(page).count()).toBe(0);
    expect(await writeButton(page).isDisabled()).toBe(true);
    await page.close();
  }, 120_000);

  it("EV charger demo: settings the device lacks are shown, not editable, and no change after a read", async () => {
    const page = await dashboard.open("desktop");
    await startDemo(page, "evcharger");
    await page.click('[data-tab="settings"]');
    await page.locator('.settings [data-field="status"][data-status="done"]').waitFor({ timeout: 20_000 });
    const missing = page.locator(".settings .setting[data-missing]");
    expect(await missing.count()).toBeGreaterThan(0);
    for (const field of await missing.all()) expect(await field.locator("input, select").isDisabled()).toBe(true);
    expect(await diffRows(page).count()).toBe(0);
    expect(await page.locator(".settings-changes").isHidden()).toBe(true);
    // No file formats: no backup buttons.
    expect(await page.locator('.settings [data-action="download"]').count()).toBe(0);
    await page.close();
  });

  it("had no console errors or warnings", () => {
    expect(dashboard.problems).toEqual([]);
  });
});
