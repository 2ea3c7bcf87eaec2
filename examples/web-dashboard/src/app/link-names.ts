import type { LinkDefaults } from "@batt/core";

/** How a person names the way a device is reached, for the Connect button and the first screen. */
export interface LinkNames {
  /** The Connect button's text (`Connect USB serial…`). */
  readonly connect: string;
  /** One line for the first screen: what to plug in. */
  readonly how: string;
}

/** The names for a plugin's default link: a USB-serial adapter or a USB HID device, and whether a Bluetooth module is offered too. */
export function linkNames(title: string, link: LinkDefaults): LinkNames {
  const bluetooth = link.ble ? " or through its Bluetooth module" : "";
  if (link.kind === "hid") {
    return { connect: "Connect USB…", how: `${title}: its own USB cable (WebHID)${bluetooth}.` };
  }
  return { connect: "Connect USB serial…", how: `${title}: a USB-serial adapter (RS-485 or TTL, ${link.baudRate} baud; WebSerial)${bluetooth}.` };
}
