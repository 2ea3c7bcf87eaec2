import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configReference } from "../src/config/config-reference.js";
import { parseGatewayConfig } from "../src/config/load-config.js";
import { README_MARKERS } from "../src/config/readme-section.js";
import { devicePolling } from "../src/config/resolve-config.js";
import { simulatorConfig } from "../src/config/sim-config.js";
import { ALL_PLUGINS } from "./all-plugins.js";
import { PLUGIN_CONTEXT, refusal } from "./config-refusal.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
/** The problems a config text is refused with, as `line:column field: message`. */
function problems(text: string): string[] {
  return refusal(text).problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);
}

describe("gateway config", () => {
  it("accepts the README's example config, checked against the real plugins", () => {
    const example = /## Example config\n\n```yaml\n([\s\S]*?)```/.exec(README)?.[1];
    expect(example).toBeDefined();
    const config = parseGatewayConfig(example!, "README.md", PLUGIN_CONTEXT);
    expect(config.links.map((l) => l.type)).toEqual(["serial", "serial", "tcp", "hid"]);
    expect(config.links[1]!.devices.map((d) => [d.name, d.address])).toEqual([
      ["pack-1", 1],
      ["pack-2", 2],
      ["solar", 3],
    ]);
    expect(devicePolling(config.links[1]!.devices[2]!, config)).toEqual({ pollMs: 10_000, deadlineMs: 10_000, offlineAfter: 3, maxBackoffMs: 60_000 });
    expect(devicePolling(config.links[0]!.devices[0]!, config)).toEqual({ pollMs: 5000, deadlineMs: 10_000, offlineAfter: 3, maxBackoffMs: 60_000 });
  });

  it("has its config reference in the README generated from the schema, up to date", () => {
    const start = README.indexOf(README_MARKERS.start) + README_MARKERS.start.length;
    const end = README.indexOf(README_MARKERS.end);
    expect(README.slice(start, end).trim()).toBe(configReference());
  });

  it("names line, column and field of schema violations, all at once", () => {
    const text = [
      "gateway:",
      "  id: Bad Id", // line 2: pattern
      "links:",
      "  - type: serial", // line 4: path missing
      "    devices:",
      "      - kind: jbd",
      "        name: house",
      "        poll: 0", // line 8: minimum
      "        colour: red", // line 9: unknown field
      "  - type: bluetooth", // line 10: enum
      "    devices: []",
    ].join("\n");
    expect(problems(text)).toEqual([
      '2:7 gateway.id: must match pattern "^[a-z0-9][a-z0-9_-]*$"',
      '4:5 links[0]: missing required field "path"',
      "9:9 links[0].devices[0].colour: unknown field",
      "8:15 links[0].devices[0].poll: must be >= 0.1",
      '10:11 links[1].type: must be one of "serial", "tcp", "modbus-tcp", "hid", "sim"',
      "11:14 links[1].devices: must NOT have fewer than 1 items",
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    expect(problems("links:\n  - type: sim\n    devices: [\n")).toEqual([expect.stringMatching(/^4:1 : YAML: /)]);
    expect(problems("links: []\nlinks: []\n")[0]).toMatch(/^2:1 : YAML: Map keys must be unique/);
  });

  it("checks what the schema cannot: names, kinds, plugin options, addresses, simulators", () => {
    const text = [
      "links:",
      "  - type: sim",
      "    devices:",
      "      - { kind: jbd, name: a, address: 2 }",
      "      - { kind: jbd, name: a, options: { sim-sock: 40 } }",
      "      - { kind: bms9000, name: b }",
    ].join("\n");
    expect(problems(text)).toEqual([
      '4:40 links[0].devices[0].address: "jbd" has no bus address',
      '5:28 links[0].devices[1].name: device name "a" is already used by links[0].devices[0]',
      expect.stringMatching(/^5:52 links\[0\]\.devices\[1\]\.options\.sim-sock: "jbd" has no option "sim-sock"; it has: timeout, gap, retries, /),
      '6:17 links[0].devices[2].kind: unknown device kind "bms9000"; known: evcharger, icharger, jbd, jk, voltaic',
    ]);
  });

  it("gives --sim one writable simulator of every kind, each on its own link", () => {
    const config = simulatorConfig(ALL_PLUGINS);
    expect(config.links.map((l) => [l.type, l.devices.map((d) => [d.kind, d.name, d.writable])])).toEqual(
      ["evcharger", "icharger", "jbd", "jk", "voltaic"].map((id) => ["sim", [[id, `sim-${id}`, true]]]),
    );
    // And it passes its own checks.
    expect(() => parseGatewayConfig(JSON.stringify(config), "sim.json", PLUGIN_CONTEXT)).not.toThrow();
  });
});
