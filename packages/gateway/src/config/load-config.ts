import AjvModule, { type ErrorObject } from "ajv";
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { GatewayConfigError, type ConfigProblem } from "./config-error.js";
import { GATEWAY_CONFIG_SCHEMA } from "./config-schema.js";
import type { GatewayConfig } from "./gateway-config.js";

// ajv is CommonJS: under Node's ESM loader the class is the module itself, under bundlers `.default`.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;
const validate = new Ajv({ allErrors: true, strict: false }).compile<GatewayConfig>(GATEWAY_CONFIG_SCHEMA);

/** What a config must also satisfy beyond its schema: checked against the plugins at hand. */
export interface ConfigCheckContext {
  /** Device plugins that exist, by id: whether each has a simulator, and its option names (unknown options are refused). */
  readonly plugins?: ReadonlyMap<string, { readonly simulate: boolean; readonly options?: readonly string[] }>;
}

/**
 * Parses and validates a YAML (or JSON) config. Every problem is collected and reported at once,
 * each with its line and field.
 *
 * @param file - The file name, for messages.
 * @throws GatewayConfigError (an `invalid-argument` BattError) when the file is not a usable config.
 */
export function parseGatewayConfig(text: string, file: string, context: ConfigCheckContext = {}): GatewayConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number | undefined): { line?: number; column?: number } => {
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    throw new GatewayConfigError(
      file,
      doc.errors.map((e) => ({ ...where(e.pos[0]), field: "", message: `YAML: ${e.message.split("\n")[0]}` })),
    );
  }
  const value: unknown = doc.toJS();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).filter((e) => e.keyword !== "if").map((e) => schemaProblem(doc, e, where));
    throw new GatewayConfigError(file, dedupe(problems));
  }
  const problems = semanticProblems(value, context).map(({ path, message }) => ({ ...where(nodeAt(doc, path)?.range?.[0]), field: fieldName(path), message }));
  if (problems.length > 0) throw new GatewayConfigError(file, problems);
  return value;
}

type Path = readonly (string | number)[];

function schemaProblem(doc: Document, error: ErrorObject, where: (offset: number | undefined) => { line?: number; column?: number }): ConfigProblem {
  const path: (string | number)[] = error.instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? "is not valid";
  let offset = nodeAt(doc, path)?.range?.[0];
  if (error.keyword === "additionalProperties") {
    const extra = String(params["additionalProperty"]);
    offset = keyAt(doc, path, extra) ?? offset;
    path.push(extra);
    message = "unknown field";
  } else if (error.keyword === "required") {
    message = `missing required field "${String(params["missingProperty"])}"`;
  } else if (error.keyword === "enum") {
    message = `must be one of ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return { ...where(offset), field: fieldName(path), message };
}

/** The node at a path of the parsed document (for its position). */
function nodeAt(doc: Document, path: Path): Node | undefined {
  if (path.length === 0) return (doc.contents as Node | null) ?? undefined;
  const node = doc.getIn(path, true);
  return node !== undefined && node !== null && typeof node === "object" && "range" in (node as object) ? (node as Node) : undefined;
}

/** Where a key of the map at `path` starts. */
function keyAt(doc: Document, path: Path, key: string): number | undefined {
  const map = nodeAt(doc, path);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/** `links[0].devices[1].poll` */
function fieldName(path: Path): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.field}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Checks the schema cannot express: unique names, known device kinds, simulators where `sim` asks for them, surplus charging on writable EV chargers. */
function semanticProblems(config: GatewayConfig, context: ConfigCheckContext): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const deviceNames = new Map<string, string>();
  const linkNames = new Set<string>();
  config.links.forEach((link, l) => {
    if (link.name !== undefined) {
      if (linkNames.has(link.name)) problems.push({ path: ["links", l, "name"], message: `link name "${link.name}" is used twice` });
      linkNames.add(link.name);
    }
    link.devices.forEach((device, d) => {
      const path = ["links", l, "devices", d];
      const first = deviceNames.get(device.name);
      if (first !== undefined) problems.push({ path: [...path, "name"], message: `device name "${device.name}" is already used by ${first}` });
      else deviceNames.set(device.name, fieldName(path));
      const plugin = context.plugins?.get(device.kind);
      if (context.plugins && !plugin) {
        problems.push({ path: [...path, "kind"], message: `unknown device kind "${device.kind}"; known: ${[...context.plugins.keys()].join(", ")}` });
      } else if (plugin && link.type === "sim" && !plugin.simulate) {
        problems.push({ path: [...path, "kind"], message: `"${device.kind}" has no simulator, so it cannot be on a sim link` });
      }
      if (device.address !== undefined && device.options?.["address"] !== undefined) {
        problems.push({ path: [...path, "options", "address"], message: "give the address once, as the device's `address`" });
      }
      if (device.surplus) {
        if (device.kind !== "evcharger") problems.push({ path: [...path, "surplus"], message: `surplus charging drives an EV charger; "${device.kind}" is not one` });
        else if (device.writable !== true) problems.push({ path: [...path, "surplus"], message: "surplus charging changes the charger: set writable: true" });
        const { minCurrent, maxCurrent } = device.surplus;
        if (minCurrent !== undefined && maxCurrent !== undefined && minCurrent > maxCurrent) problems.push({ path: [...path, "surplus", "minCurrent"], message: `minCurrent ${minCurrent} A is above maxCurrent ${maxCurrent} A` });
      }
      const known = plugin?.options;
      if (known) {
        for (const name of Object.keys(device.options ?? {})) {
          if (!known.includes(name)) problems.push({ path: [...path, "options", name], message: `"${device.kind}" has no option "${name}"; it has: ${known.join(", ")}` });
        }
        if (device.address !== undefined && !known.includes("address")) problems.push({ path: [...path, "address"], message: `"${device.kind}" has no bus address` });
      }
    });
  });
  return problems;
}
