// Shared by the page bundle and the Node side of the browser tests.
import type { TransportContractOptions } from "@batt/core/testing";

/** The contract suites run in the page. */
export type Suite = "web-serial" | "web-hid";

/** Result of one contract case. */
export type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Options of the contract run in the page (the Node side lists the same cases with them). */
export const CONTRACT_OPTIONS: TransportContractOptions = { deliveryTimeoutMs: 2000 };

/** `globalThis.battWebTest` in the page. */
export interface PageApi {
  /** Installs fresh `navigator.serial` / `navigator.hid` doubles. */
  install(): void;
  /** Removes `navigator.serial` / `navigator.hid`, as in a browser without them. */
  removeApis(): void;
  /** Runs one contract case. */
  contract(suite: Suite, name: string): Promise<Outcome>;
  /** Names of the scenarios. */
  scenarioNames(): string[];
  /** Runs a scenario and returns what it observed (JSON). */
  scenario(name: string): Promise<unknown>;
  /** Feature detection and picker errors of the page's own browser. */
  probe(): Promise<unknown>;
  /** The probe's result when the page was loaded with `?probe`. */
  probeResult?: unknown;
}
