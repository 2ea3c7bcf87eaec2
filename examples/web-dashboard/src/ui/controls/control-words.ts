import type { DeviceControl, NumberControl } from "@batt/core";
import type { Confirmation } from "../dialog.js";
import type { ControlState } from "./control-state.js";

/**
 * What switching a thing on or off does, for the words in its name: data, first match wins
 * (`discharge` before `charge`). A name matching none gets the generic sentence.
 */
const CONSEQUENCES: readonly { readonly match: RegExp; readonly on: string; readonly off: string }[] = [
  { match: /discharg/i, off: "The pack stops delivering power to the load.", on: "The pack can deliver power to the load again." },
  { match: /charg/i, off: "The pack stops accepting charge.", on: "The pack can accept charge again." },
  { match: /balanc/i, off: "The cells are no longer balanced.", on: "The balancer evens out the cells again." },
  { match: /load/i, off: "Whatever is connected to the load output loses power.", on: "The load output is powered." },
];

const READ_BACK = "The panel then shows what the device reads back.";

/** `Charge MOSFET` → `charge MOSFET` inside a sentence; acronyms (`MOSFET`, `AC`) are kept. */
export function inSentence(name: string): string {
  return name.length > 1 && name[1] === name[1]!.toLowerCase() ? name[0]!.toLowerCase() + name.slice(1) : name;
}

/** A name under its group's heading, without the heading: `Channel 1 charge (preset slot 0)` under `Channel 1` → `Charge (preset slot 0)`. */
export function withinGroup(name: string, heading: string): string {
  const rest = heading && name.toLowerCase().startsWith(`${heading.toLowerCase()} `) ? name.slice(heading.length + 1) : name;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** A number with its unit (`16 A`). */
export function withUnit(value: number, control: NumberControl): string {
  return control.unit ? `${value} ${control.unit}` : String(value);
}

/** What the confirmation of switching a switch says. */
export function switchQuestion(control: DeviceControl, on: boolean): Confirmation {
  const word = on ? "on" : "off";
  const consequence = CONSEQUENCES.find((c) => c.match.test(control.name));
  return {
    title: `Switch the ${inSentence(control.name)} ${word}?`,
    body: [consequence ? consequence[word] : `The device is asked to switch it ${word}.`, READ_BACK],
    confirm: `Switch ${word}`,
  };
}

/** What the confirmation of setting a number says, with the value it holds now where the reading shows it. */
export function numberQuestion(control: NumberControl, value: number, now: ControlState | undefined): Confirmation {
  const current = now && now.tone !== "unknown" ? ` It is ${now.text} now.` : "";
  return {
    title: `Set the ${inSentence(control.name)} to ${withUnit(value, control)}?`,
    body: [`The device applies it at once.${current}`, READ_BACK],
    confirm: `Set ${withUnit(value, control)}`,
  };
}

/** What the confirmation of pressing a button says. */
export function buttonQuestion(control: DeviceControl): Confirmation {
  return { title: `${control.name}?`, body: [`The device is asked to do it now (“${control.name}”).`, READ_BACK], confirm: control.name };
}
