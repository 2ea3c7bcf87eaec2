import { BattError } from "@batt/core";
import type { ChargerModel, ModelId } from "./model.js";
import { MODELS, isModelId, modelById } from "./model-table.js";

/** How a model was chosen. */
export type IdentifiedBy = "option" | "device-id" | "product-string";

/** What {@link identifyModel} found. */
export interface ModelIdentity {
  /** The model. */
  readonly model: ChargerModel;
  /** What decided it. */
  readonly by: IdentifiedBy;
}

/** Finds a model by its USB product string (exact, then ignoring case and spacing). */
export function modelByProductString(product: string): ChargerModel | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, " ").trim();
  return MODELS.find((m) => m.productString === product) ?? MODELS.find((m) => norm(m.productString) === norm(product));
}

/** Finds a model by the device-ID register (only 64, 66 and 67 are known). */
export function modelByDeviceId(deviceId: number): ChargerModel | undefined {
  return MODELS.find((m) => m.deviceId === deviceId);
}

/**
 * Chooses the model: an explicit id wins, then the device-ID register, then the USB product string.
 *
 * @throws BattError `invalid-argument` for an unknown model id; `unsupported` when neither the device ID
 *   nor the product string names a model (the message says how to pass one).
 */
export function identifyModel(deviceId: number, hints: { readonly model?: ModelId | string; readonly productString?: string } = {}): ModelIdentity {
  if (hints.model !== undefined) {
    if (!isModelId(hints.model)) {
      throw new BattError("invalid-argument", `unknown model "${hints.model}" (known: ${MODELS.map((m) => m.id).join(", ")})`);
    }
    return { model: modelById(hints.model), by: "option" };
  }
  const byId = modelByDeviceId(deviceId);
  if (byId) return { model: byId, by: "device-id" };
  const byProduct = hints.productString !== undefined ? modelByProductString(hints.productString) : undefined;
  if (byProduct) return { model: byProduct, by: "product-string" };
  throw new BattError(
    "unsupported",
    `device ID ${deviceId} is not a known iCharger model${hints.productString ? ` and "${hints.productString}" is not a known product string` : ""}; ` +
      `pass the model (one of ${MODELS.map((m) => m.id).join(", ")})`,
    { context: { deviceId } },
  );
}
