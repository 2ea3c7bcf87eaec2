// The `surplus:` block of the gateway config: the README's examples, and refusals with file:line:column.
import { readFileSync } from "node:fs";
import { SURPLUS_DEFAULTS } from "@batt/evcharger";
import { describe, expect, it } from "vitest";
import { parseGatewayConfig } from "../src/config/load-config.js";
import { PLUGIN_CONTEXT, refusal } from "./config-refusal.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const SECTION = /## Solar-surplus charging\n([\s\S]*?)\n## /.exec(README)?.[1] ?? "";
/** The problems a config text is refused with, as `file:line:column field: message` lines of the error. */
function problems(text: string): string[] {
  return refusal(text).message.split("\n").slice(1);
}

/** A config with one charger whose device lines (after `- kind: evcharger`) are `lines`. */
function charger(lines: string, kind = "evcharger"): string {
  return `links:\n  - type: sim\n    devices:\n      - kind: ${kind}\n        name: wallbox\n${lines}`;
}

describe("surplus config", () => {
  it("accepts the README's example, checked against the real plugins", () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(SECTION)?.[1];
    expect(example).toBeDefined();
    const config = parseGatewayConfig(example!, "README.md", PLUGIN_CONTEXT);
    const [ha, shelly] = config.links.map((l) => l.devices[0]!.surplus);
    expect(ha).toEqual({ topic: "homeassistant/sensor/grid_power/state", sign: "import-positive", maxCurrent: 16, phases: [1, 3] });
    expect(shelly).toMatchObject({ topic: "shellypro3em-c8f09e8a1b2c/status/em:0", field: "total_act_power", unit: "W", sign: "import-positive", staleAfter: 120 });
  });

  it("the README quotes the controller's defaults", () => {
    const bullet = /\*\*The controller's options\*\*[\s\S]*?\n- /.exec(SECTION)?.[0] ?? "";
    const quoted = [...bullet.matchAll(/`(\w+)`\s+\(([^)]+)\)/g)].map((m) => [m[1]!, m[2]!] as const);
    const keys = Object.keys(SURPLUS_DEFAULTS).filter((k) => k !== "eepromMinIntervalMs" && k !== "currentInEeprom");
    expect(quoted.map(([k]) => k).sort()).toEqual([...keys].sort());
    for (const [key, text] of quoted) {
      const value = SURPLUS_DEFAULTS[key as keyof typeof SURPLUS_DEFAULTS];
      // "300 W", "60 000", "[1, 3], within …", "32, capped …": the number or list first.
      const head = /^(\[[^\]]*\]|\d+)/.exec(text.replace(/\s/g, ""))?.[1];
      expect(head, key).toBe(Array.isArray(value) ? JSON.stringify(value) : String(value));
    }
  });

  it("refuses a block without sign or topic, an unknown unit or field, and wildcards, naming file:line:column", () => {
    const text = charger("        writable: true\n        surplus:\n          field: total_act_power\n          unit: MW\n          invert: true\n");
    expect(problems(text)).toEqual([
      'g.yaml:8:11: links[0].devices[0].surplus: missing required field "topic"',
      'g.yaml:8:11: links[0].devices[0].surplus: missing required field "sign"',
      "g.yaml:10:11: links[0].devices[0].surplus.invert: unknown field",
      'g.yaml:9:17: links[0].devices[0].surplus.unit: must be one of "W", "kW"',
    ]);
    const wild = charger("        writable: true\n        surplus: { topic: 'shellies/+/emeter/0/power', sign: import-positive, phases: [2], minCurrent: 5 }\n");
    expect(problems(wild)).toEqual([
      'g.yaml:7:27: links[0].devices[0].surplus.topic: must match pattern "^[^#+]+$"',
      "g.yaml:7:104: links[0].devices[0].surplus.minCurrent: must be >= 6",
      "g.yaml:7:88: links[0].devices[0].surplus.phases[0]: must be one of 1, 3",
    ]);
  });

  it("refuses surplus charging on a device that is not a writable EV charger, and minCurrent above maxCurrent", () => {
    const block = "        surplus:\n          topic: grid\n          sign: export-positive\n";
    expect(problems(charger(block))).toEqual(["g.yaml:7:11: links[0].devices[0].surplus: surplus charging changes the charger: set writable: true"]);
    expect(problems(charger(`        writable: true\n${block}`, "jbd"))).toEqual(['g.yaml:8:11: links[0].devices[0].surplus: surplus charging drives an EV charger; "jbd" is not one']);
    expect(problems(charger(`        writable: true\n${block}          minCurrent: 16\n          maxCurrent: 10\n`))).toEqual([
      "g.yaml:10:23: links[0].devices[0].surplus.minCurrent: minCurrent 16 A is above maxCurrent 10 A",
    ]);
  });
});
