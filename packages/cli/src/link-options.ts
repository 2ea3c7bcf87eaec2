import type { OptionSpec } from "./command.js";

const LINK = "Link options";

/** Options that choose and set up the link to a device (`--port`, `--tcp`, `--sim`, …). */
export function linkOptions(settings: { readonly baudDefault?: number; readonly hid?: boolean; readonly modbus?: boolean; readonly sim?: boolean }): OptionSpec[] {
  const specs: OptionSpec[] = [
    { name: "port", type: "string", valueName: "PATH", description: "serial port (/dev/ttyUSB0, COM3)", section: LINK },
    {
      name: "baud",
      type: "string",
      valueName: "N",
      description: "baud rate",
      section: LINK,
      ...(settings.baudDefault !== undefined ? { default: String(settings.baudDefault) } : {}),
    },
    { name: "parity", type: "string", valueName: "none|even|odd", description: "parity", section: LINK, ...(settings.modbus ? { default: "none" } : {}) },
    { name: "data-bits", type: "string", valueName: "7|8", description: "data bits", section: LINK, ...(settings.modbus ? { default: "8" } : {}) },
    { name: "stop-bits", type: "string", valueName: "1|2", description: "stop bits", section: LINK, ...(settings.modbus ? { default: "1" } : {}) },
    { name: "tcp", type: "string", valueName: "HOST:PORT", description: "TCP gateway or Modbus TCP device instead of a serial port", section: LINK },
  ];
  if (settings.modbus) {
    specs.push({
      name: "framing",
      type: "string",
      valueName: "tcp|rtu",
      description: "Modbus TCP (MBAP header) or RTU frames (default tcp with --tcp, else rtu)",
      section: LINK,
    });
  }
  if (settings.hid) {
    specs.push({
      name: "hid",
      type: "string",
      valueName: "PATH|VID:PID",
      optionalValue: /^(\/|[0-9a-f]{1,4}:[0-9a-f]{0,4}$)/i,
      description: "USB HID device by path or hex ids; alone: the first device with the device's own ids",
      section: LINK,
    });
  }
  specs.push(
    { name: "ble", type: "string", valueName: "ADDRESS|NAME", description: "Bluetooth LE module by address or advertised name (batt list --ble finds them)", section: LINK },
    { name: "ble-profile", type: "string", valueName: "jbd|jk", description: "GATT profile of the module (default: the device's own)", section: LINK },
    { name: "ble-mtu", type: "string", valueName: "N", description: "most bytes per Bluetooth write (default 20)", section: LINK },
  );
  if (settings.sim !== false) {
    specs.push({ name: "sim", type: "boolean", description: "talk to a built-in simulator instead of hardware", section: LINK });
  }
  specs.push(
    { name: "record", type: "string", valueName: "FILE", description: "write the bytes exchanged to a transcript file", section: LINK },
    { name: "replay", type: "string", valueName: "FILE", description: "answer from a recorded transcript instead of a device", section: LINK },
  );
  return specs;
}

/** `--timeout` and `--retries` for commands whose requests the CLI sends itself. */
export const REQUEST_OPTIONS: readonly OptionSpec[] = [
  { name: "timeout", type: "string", valueName: "MS", description: "reply deadline per request", default: "1000", section: LINK },
  { name: "retries", type: "string", valueName: "N", description: "extra attempts after a timeout or garbled reply", default: "0", section: LINK },
];

/** `--json`. */
export const JSON_OPTION: OptionSpec = { name: "json", type: "boolean", description: "print one JSON document instead of a table" };
