import { BattError } from "@batt/core";

/** How a grid-power payload is read: where the value is, its unit, which way is positive. */
export interface GridPayloadFormat {
  /** Dot-separated path of the value in a JSON payload (`total_act_power`, `ENERGY.Power`, `emeters.0.power`); absent: the payload is the number. */
  readonly field?: string;
  /** Unit of the value. */
  readonly unit: "W" | "kW";
  /** `export-positive`: power sent to the grid is positive; `import-positive`: power drawn from it is. */
  readonly sign: "export-positive" | "import-positive";
}

/** Longest payload read, characters: a meter's JSON is far smaller; anything longer is not one. */
export const MAX_GRID_PAYLOAD = 16_384;

/** Largest grid power taken as real, W (as the CLI's `surplus`): a house connection stays far below. */
export const MAX_GRID_POWER_W = 1_000_000;

/** A number, or a string holding only one (`"1234.5"`, as Home Assistant publishes states). */
function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** The value at a dot-separated path (array elements by index). */
function at(document: unknown, field: string): unknown {
  let node = document;
  for (const part of field.split(".")) {
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (node !== null && typeof node === "object" && !Array.isArray(node) && Object.hasOwn(node, part)) node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return node;
}

/**
 * Grid export in W (positive when exporting) from one MQTT payload: a plain number (Home
 * Assistant's `…/state`, Shelly Gen1's `emeter/<i>/power`), or JSON with the value at
 * `format.field` (Shelly Pro 3EM `total_act_power`, Tasmota `ENERGY.Power`), scaled from kW and
 * turned to export-positive.
 *
 * @throws BattError `unexpected-reply` for a payload that holds no such number (`unavailable`,
 *   broken JSON, a missing field, text) or an implausible one (beyond ±1 MW); nothing is to be done with it.
 */
export function parseGridPayload(payload: string, format: GridPayloadFormat): number {
  if (payload.length > MAX_GRID_PAYLOAD) throw new BattError("unexpected-reply", `grid payload of ${payload.length} characters (at most ${MAX_GRID_PAYLOAD})`);
  let raw: number | undefined;
  if (format.field === undefined) raw = numberOf(payload);
  else {
    let document: unknown;
    try {
      document = JSON.parse(payload);
    } catch {
      throw new BattError("unexpected-reply", `grid payload is not JSON: ${JSON.stringify(payload.slice(0, 60))}`);
    }
    raw = numberOf(at(document, format.field));
    if (raw === undefined) throw new BattError("unexpected-reply", `grid payload has no number at "${format.field}": ${JSON.stringify(payload.slice(0, 60))}`);
  }
  if (raw === undefined) throw new BattError("unexpected-reply", `grid payload is not a number: ${JSON.stringify(payload.slice(0, 60))}`);
  const watts = format.unit === "kW" ? raw * 1000 : raw;
  if (Math.abs(watts) > MAX_GRID_POWER_W) throw new BattError("unexpected-reply", `grid power ${watts} W is beyond ±${MAX_GRID_POWER_W} W`);
  // `+ 0` turns -0 into 0, so a zero reads the same either way round.
  return (format.sign === "export-positive" ? watts : -watts) + 0;
}
