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

/**
 * The cards of a group: each switch and number on its own, buttons that act on the same state (an
 * iCharger channel's programs and stop, an EV charger's start and stop) together, in order of first appearance.
 */
export function controlCards(controls: readonly DeviceControl[]): DeviceControl[][] {
  const cards: DeviceControl[][] = [];
  const buttonSets = new Map<string, DeviceControl[]>();
  for (const control of controls) {
    if (control.kind !== "button") {
      cards.push([control]);
      continue;
    }
    const key = control.state ?? `#${control.key}`;
    const set = buttonSets.get(key);
    if (set) set.push(control);
    else {
      const created = [control];
      buttonSets.set(key, created);
      cards.push(created);
    }
  }
  return cards;
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
