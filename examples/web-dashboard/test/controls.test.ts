import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DeviceControl } from "@batt/core";
import { controlCards, groupControls } from "../src/ui/controls/control-groups.js";
import { inSentence, switchQuestion, withinGroup } from "../src/ui/controls/control-words.js";
import { SCREENSHOTS, dashboardForFile, startDemo, type ViewportName } from "./harness.js";
import { nextReadings } from "./page-checks.js";

// The controls panel against the device simulators in the page: every change behind a confirmation
// (Cancel and Escape send nothing), and the state shown from the device's read-back.

const dashboard = dashboardForFile();

const dialog = (page: Page): Locator => page.locator("dialog[data-confirm]");
/** The card that shows control `key`. */
const control = (page: Page, key: string): Locator => page.locator(`.control[data-control~="${key}"]`);

/** Waits until a control shows `text` as its state. */
async function stateIs(row: Locator, text: string): Promise<void> {
  await row.locator('[data-field="state"]').filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
}

/** The battery panel's "Charge" switch (not "Discharge"). */
function batteryCharge(page: Page): Locator {
  return page.locator(".channel .switches li").filter({ has: page.locator("span", { hasText: /^Charge$/ }) }).locator("b");
}

async function openDialog(page: Page, click: Locator): Promise<Locator> {
  await click.click();
  await dialog(page).waitFor();
  return dialog(page);
}

describe("control wording and grouping", () => {
  const sw = (key: string, name: string, state?: string): DeviceControl => ({ kind: "switch", key, name, ...(state ? { state } : {}), set: () => Promise.resolve() });
  const button = (key: string, name: string, state?: string): DeviceControl => ({ kind: "button", key, name, ...(state ? { state } : {}), press: () => Promise.resolve() });

  it("says what switching does, from the words of the name", () => {
    expect(inSentence("Charge MOSFET")).toBe("charge MOSFET");
    expect(inSentence("AC output")).toBe("AC output");
    expect(switchQuestion(sw("d", "Discharge MOSFET"), false)).toEqual({
      title: "Switch the discharge MOSFET off?",
      body: ["The pack stops delivering power to the load.", "The panel then shows what the device reads back."],
      confirm: "Switch off",
    });
    expect(switchQuestion(sw("b", "Balancer"), true).body[0]).toBe("The balancer evens out the cells again.");
    expect(switchQuestion(sw("x", "Fan"), false).body[0]).toBe("The device is asked to switch it off.");
    expect(withinGroup("Channel 2 balance only (preset slot 0)", "Channel 2")).toBe("Balance only (preset slot 0)");
    expect(withinGroup("Start charging", "")).toBe("Start charging");
  });

  it("groups per channel or pack prefix, and puts buttons on one state in one card", () => {
    const controls = [sw("load", "Load"), button("ch1_charge", "Channel 1 charge", "ch1_run_state"), sw("pack2_balancer", "Pack 2 Balancer"), button("ch1_stop", "Channel 1 stop", "ch1_run_state"), button("reset", "Reset")];
    const groups = groupControls(controls);
    expect(groups.map((g) => [g.heading, g.controls.map((c) => c.key)])).toEqual([
      ["", ["load", "reset"]],
      ["Channel 1", ["ch1_charge", "ch1_stop"]],
      ["Pack 2", ["pack2_balancer"]],
    ]);
    expect(controlCards(groups[0]!.controls).map((card) => card.map((c) => c.key))).toEqual([["load"], ["reset"]]);
    expect(controlCards(groups[1]!.controls).map((card) => card.map((c) => c.key))).toEqual([["ch1_charge", "ch1_stop"]]);
  });
});

describe("controls", () => {
  for (const size of ["desktop", "phone"] satisfies ViewportName[]) {
    it(`JBD demo (${size}): the charge MOSFET off is asked first, Cancel and Escape send nothing, Confirm switches it off as read back`, async () => {
      const page = await dashboard.open(size);
      await startDemo(page, "jbd");
      const row = control(page, "charge_switch");
      await stateIs(row, "ON");
      expect(await row.locator('[data-field="state"]').getAttribute("data-tone")).toBe("on");
      expect(await batteryCharge(page).innerText()).toBe("ON");
      // Targets a thumb can hit.
      const box = await row.locator('button[data-value="off"]').boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(40);

      const asked = await openDialog(page, row.locator('button[data-value="off"]'));
      expect(await asked.locator("h2").innerText()).toBe("Switch the charge MOSFET off?");
      expect(await asked.innerText()).toContain("The pack stops accepting charge.");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-action"))).toBe("cancel");
      if (size === "desktop") await dashboard.screenshot(page, "controls-confirm-desktop");
      else await page.screenshot({ path: join(SCREENSHOTS, "controls-confirm-phone-viewport.png") });
      await asked.locator('[data-action="cancel"]').click();
      await asked.waitFor({ state: "detached" });
      expect(await row.locator('[data-field="status"]').innerText()).toBe("Cancelled: nothing was sent.");

      // Escape cancels too.
      await openDialog(page, row.locator('button[data-value="off"]'));
      await page.keyboard.press("Escape");
      await dialog(page).waitFor({ state: "detached" });
      await nextReadings(page, 2);
      expect(await row.locator('[data-field="state"]').innerText()).toBe("ON");
      expect(await batteryCharge(page).innerText()).toBe("ON");

      const confirm = await openDialog(page, row.locator('button[data-value="off"]'));
      await confirm.locator('[data-action="confirm"]').click();
      await row.locator('[data-field="status"][data-status="done"]').waitFor();
      expect(await row.locator('[data-field="status"]').innerText()).toBe("Done: the device reads back OFF.");
      await stateIs(row, "OFF");
      expect(await row.locator('[data-field="state"]').getAttribute("data-tone")).toBe("off");
      // The next readings show it too, in the controls and in the battery's panel.
      await nextReadings(page, 2);
      expect(await row.locator('[data-field="state"]').innerText()).toBe("OFF");
      expect(await batteryCharge(page).innerText()).toBe("OFF");
      expect(await row.locator('button[data-value="off"]').getAttribute("aria-pressed")).toBe("true");
      await dashboard.screenshot(page, `controls-jbd-off-${size}`);

      // And back on.
      await (await openDialog(page, row.locator('button[data-value="on"]'))).locator('[data-action="confirm"]').click();
      await stateIs(row, "ON");
      await nextReadings(page, 1);
      expect(await batteryCharge(page).innerText()).toBe("ON");
      await page.close();
    });
  }

  it("Voltaic demo: the load output off, confirmed and read back", async () => {
    const page = await dashboard.open("phone");
    await startDemo(page, "voltaic");
    const row = control(page, "load");
    await stateIs(row, "ON");
    const asked = await openDialog(page, row.locator('button[data-value="off"]'));
    expect(await asked.locator("h2").innerText()).toBe("Switch the load output off?");
    await asked.locator('[data-action="confirm"]').click();
    await row.locator('[data-field="status"][data-status="done"]').waitFor();
    await nextReadings(page, 2);
    expect(await row.locator('[data-field="state"]').innerText()).toBe("OFF");
    await dashboard.screenshot(page, "controls-voltaic-phone");
    await page.close();
  });

  it("EV charger demo: a current out of range is refused before any dialog; one in range is confirmed and read back", async () => {
    const page = await dashboard.open("desktop");
    await startDemo(page, "evcharger");
    const row = control(page, "charge_current");
    await row.locator('[data-field="state"]').filter({ hasText: / A$/ }).waitFor();
    const input = row.locator("input");
    await input.fill("40");
    await row.locator('[data-action="set"]').click();
    expect(await row.locator('[data-field="status"]').innerText()).toBe("Not sent: 40 A is above the greatest value, 32 A");
    expect(await dialog(page).count()).toBe(0);
    await input.fill("6.5");
    await row.locator('[data-action="set"]').click();
    expect(await row.locator('[data-field="status"]').innerText()).toBe("Not sent: 6.5 A is not a multiple of 1 A");
    expect(await dialog(page).count()).toBe(0);

    const before = await row.locator('[data-field="state"]').innerText();
    const wanted = before === "13 A" ? "14" : "13";
    await input.fill(wanted);
    const asked = await openDialog(page, row.locator('[data-action="set"]'));
    expect(await asked.locator("h2").innerText()).toBe(`Set the charging current to ${wanted} A?`);
    expect(await asked.innerText()).toContain(`It is ${before} now.`);
    await asked.locator('[data-action="confirm"]').click();
    await row.locator('[data-field="status"][data-status="done"]').waitFor();
    await nextReadings(page, 2);
    expect(await row.locator('[data-field="state"]').innerText()).toBe(`${wanted} A`);
    await dashboard.screenshot(page, "controls-evcharger-desktop");
    await page.close();
  });

  it("iCharger and JK-PB demos: controls grouped per channel and per pack; a refused program shows the error and its code", async () => {
    const page = await dashboard.open("phone");
    await startDemo(page, "icharger");
    const groups = page.locator(".controls .control-group");
    await groups.first().waitFor();
    expect(await groups.evaluateAll((g) => g.map((e) => e.getAttribute("data-group")))).toEqual(["Channel 1", "Channel 2"]);
    expect(await groups.nth(1).locator('[data-action="press"]').evaluateAll((c) => c.map((e) => e.getAttribute("data-control")))).toEqual([
      "ch2_charge",
      "ch2_discharge",
      "ch2_storage",
      "ch2_balance",
      "ch2_stop",
    ]);
    // One card per channel: the run state once, a button per program.
    const channel1 = control(page, "ch1_stop");
    expect(await channel1.locator('[data-action="press"]').allInnerTexts()).toEqual(["Charge (preset slot 0)", "Discharge (preset slot 0)", "Storage (preset slot 0)", "Balance only (preset slot 0)", "Stop"]);
    await channel1.locator('[data-field="state"]').filter({ hasText: /^[a-z]/ }).waitFor();
    expect(await channel1.locator(".control-name").innerText()).toBe("Run state");
    // A program started; a second one refused by the driver: the BattError and its code shown, the state left as read.
    const press = async (key: string): Promise<string> => {
      const asked = await openDialog(page, channel1.locator(`[data-control="${key}"]`));
      const title = await asked.locator("h2").innerText();
      await asked.locator('[data-action="confirm"]').click();
      await channel1.locator('[data-field="status"]:not([data-status="waiting"])').waitFor();
      return title;
    };
    expect(await press("ch1_storage")).toBe("Channel 1 storage (preset slot 0)?");
    expect(await channel1.locator('[data-field="status"]').innerText()).toBe("Done: the device confirmed it.");
    await nextReadings(page, 1);
    const running = await channel1.locator('[data-field="state"]').innerText();
    expect(running).not.toBe("idle");
    await press("ch1_balance");
    expect(await channel1.locator('[data-field="status"]').getAttribute("data-status")).toBe("failed");
    expect(await channel1.locator('[data-field="status"]').innerText()).toMatch(/^Failed: .*running.* \(invalid-argument\)$/);
    await nextReadings(page, 1);
    expect(await channel1.locator('[data-field="state"]').innerText()).toBe(running);
    await dashboard.screenshot(page, "controls-icharger-phone");
    await press("ch1_stop");
    await channel1.locator('[data-field="state"]').filter({ hasText: /^(stopped|idle)$/ }).waitFor();
    await page.click("#disconnect");
    await startDemo(page, "jk-pb");
    await page.locator('.controls .control-group[data-group="Pack 2"]').waitFor();
    expect(await groups.evaluateAll((g) => g.map((e) => e.getAttribute("data-group")))).toEqual(["Pack 1", "Pack 2"]);
    await stateIs(control(page, "pack2_charge_mosfet"), "ON");
    await page.close();
  });

  it("had no console errors or warnings", () => {
    expect(dashboard.problems).toEqual([]);
  });
});
