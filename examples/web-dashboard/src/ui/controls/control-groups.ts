import type { DeviceControl } from "@batt/core";

/** Key prefixes naming a battery or channel (`ch1_charge`, `pack2_balancer`), and the heading each gets. */
const PREFIXES: readonly { readonly pattern: RegExp; readonly heading: string }[] = [
  { pattern: /^ch(\d+)_/, heading: "Channel" },
  { pattern: /^pack(\d+)_/, heading: "Pack" },
];

/** Controls under one heading. */
export interface ControlGroup {
  /** `Channel 1`, `Pack 2`, or `""` for the device's own controls. */
  readonly heading: string;
  /** In the device's order. */
  readonly controls: DeviceControl[];
}

/** The heading of a control's battery or channel, from its key's prefix (`""` when it has none). */
export function controlGroupOf(control: DeviceControl): string {
  for (const { pattern, heading } of PREFIXES) {
    const match = pattern.exec(control.key);
    if (match) return `${heading} ${match[1]}`;
  }
  return "";
}

/** Controls grouped per battery or channel, groups in order of first appearance. */
export function groupControls(controls: readonly DeviceControl[]): ControlGroup[] {
  const groups = new Map<string, DeviceControl[]>();
  for (const control of controls) {
    const heading = controlGroupOf(control);
    const list = groups.get(heading) ?? [];
    list.push(control);
    groups.set(heading, list);
  }
  return [...groups].map(([heading, list]) => ({ heading, controls: list }));
}
