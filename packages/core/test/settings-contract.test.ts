import { describe, expect, it } from "vitest";
import { checkSettingValues, diffSettingValues, type DeviceSettings, type SettingField, type SettingValues } from "../src/index.js";
import { settingsContract } from "../src/testing/index.js";

const FIELDS: SettingField[] = [
  { key: "max_current", name: "maximum current", type: "number", unit: "A", min: 6, max: 32, step: 1 },
  { key: "mode", name: "mode", type: "enum", choices: [{ value: "auto", label: "auto" }, { value: "manual", label: "manual" }] },
];

/** A device keeping its settings in memory, with a fault to inject. */
function memorySettings(fault?: "duplicate-key" | "unknown-read" | "accepts-all" | "rewrites" | "lossy-file"): DeviceSettings {
  const stored: Record<string, number | string | boolean> = { max_current: 16, mode: "auto" };
  const fields = fault === "duplicate-key" ? [...FIELDS, FIELDS[0]!] : FIELDS;
  const check = (changes: SettingValues): void => {
    if (fault !== "accepts-all") checkSettingValues(fields, changes);
  };
  return {
    fields,
    formats: [
      {
        id: "json",
        name: "JSON",
        extension: ".json",
        mediaType: "application/json",
        encode: (values) => new TextEncoder().encode(JSON.stringify(values)),
        decode: (bytes) => {
          const values = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, number | string>;
          return fault === "lossy-file" ? { ...values, max_current: 10 } : values;
        },
      },
    ],
    read: async () => (fault === "unknown-read" ? { ...stored, extra: 1 } : { ...stored }),
    check,
    write: async (changes) => {
      check(changes);
      const diff = diffSettingValues(fields, stored, changes).map((c) => c.key);
      const written = fault === "rewrites" ? Object.keys(changes) : diff;
      Object.assign(stored, changes);
      return { written, unchanged: Object.keys(changes).filter((k) => !written.includes(k)), values: { ...changes } };
    },
  };
}

function cases(fault?: Parameters<typeof memorySettings>[0]) {
  const settings = memorySettings(fault);
  return settingsContract(async (body) => body(settings));
}

async function failing(fault: Parameters<typeof memorySettings>[0]): Promise<string[]> {
  const names: string[] = [];
  for (const c of cases(fault)) await c.run().catch(() => names.push(c.name.split(":")[1]!.trim().split(" ").slice(0, 3).join(" ")));
  return names;
}

describe("the settings contract", () => {
  it("passes settings that keep it", async () => {
    const all = cases();
    expect(all).toHaveLength(4);
    for (const c of all) await c.run();
  });

  it("fails each broken promise in its own case", async () => {
    expect(await failing("duplicate-key")).toEqual(["fields are described,"]);
    expect(await failing("unknown-read")).toEqual(["a read gives"]);
    expect(await failing("lossy-file")).toEqual(["a read gives"]);
    expect(await failing("accepts-all")).toEqual(["check refuses an"]);
    expect(await failing("rewrites")).toEqual(["writing back the"]);
  });
});
