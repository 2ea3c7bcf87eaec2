import schema from "../../schema/gateway-config.schema.json" with { type: "json" };

/** The JSON Schema of the config file (also published as `@batt/gateway/schema/gateway-config.schema.json`). */
export const GATEWAY_CONFIG_SCHEMA: Readonly<Record<string, unknown>> = schema;
