import type { JkKindInputs, JkKindValues } from "./identifiers/identifier-spec.js";
import type { JkIdentifierEntry, JkKey, JkWritableKey } from "./identifiers/identifier-table.js";

/** Decoded identifiers by name; an identifier the frame did not carry is absent. */
export type JkValues = { -readonly [E in JkIdentifierEntry as E["key"]]?: JkKindValues[E["kind"]] };

/** The decoded type of identifier `K`. */
export type JkValueOf<K extends JkKey> = JkKindValues[Extract<JkIdentifierEntry, { readonly key: K }>["kind"]];

/** What a write of identifier `K` accepts. */
export type JkInputOf<K extends JkWritableKey> = JkKindInputs[Extract<JkIdentifierEntry, { readonly key: K }>["kind"]];
