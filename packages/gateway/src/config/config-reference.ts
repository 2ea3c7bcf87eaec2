import { GATEWAY_CONFIG_SCHEMA } from "./config-schema.js";

interface SchemaNode {
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly $ref?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

function resolve(node: SchemaNode, root: SchemaNode & { definitions?: Record<string, SchemaNode> }): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace("#/definitions/", "");
  return { ...root.definitions![name]!, ...(node.description ? { description: node.description } : {}) };
}

function typeOf(node: SchemaNode): string {
  if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  const type = Array.isArray(node.type) ? node.type.join(" \\| ") : (node.type ?? "");
  const range = node.minimum !== undefined || node.maximum !== undefined ? ` (${node.minimum ?? "…"}–${node.maximum ?? "…"})` : "";
  if (type === "array" && node.items) return `list of ${node.items.enum ? typeOf(node.items) : node.items.$ref ? "devices" : "objects"}`;
  return `${type}${range}`;
}

/**
 * The config reference of the README, generated from the JSON Schema: one table row per field,
 * nested fields with their full path (`links[].devices[].poll`).
 */
export function configReference(): string {
  const root = GATEWAY_CONFIG_SCHEMA as SchemaNode & { definitions?: Record<string, SchemaNode> };
  const rows: string[] = ["| Field | Type | Required | Description |", "| --- | --- | --- | --- |"];
  const walk = (node: SchemaNode, path: string): void => {
    const props = node.properties ?? {};
    for (const [key, raw] of Object.entries(props)) {
      const child = resolve(raw, root);
      const field = path ? `${path}.${key}` : key;
      const required = node.required?.includes(key) ? "yes" : "";
      const description = (child.description ?? "").replace(/\|/g, "\\|");
      rows.push(`| \`${field}\` | ${typeOf(child)} | ${required} | ${description} |`);
      if (child.properties) walk(child, field);
      const items = child.items ? resolve(child.items, root) : undefined;
      if (items?.properties) walk(items, `${field}[]`);
    }
  };
  walk(root, "");
  return rows.join("\n");
}
