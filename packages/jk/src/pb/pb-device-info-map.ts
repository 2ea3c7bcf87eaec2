import { defineRegisterMap } from "@batt/modbus-rtu";

/**
 * The JK-PB device-information block (base 0x1400) as a register map. Addresses count 16-bit words
 * from the block start (Modbus address = 0x1400 + 2 × address).
 */
export const JK_PB_DEVICE_INFO_MAP = defineRegisterMap({
  model: { type: "string", length: 8, address: 0x00 / 2, description: "manufacturer / model" },
  hardwareVersion: { type: "string", length: 4, address: 0x10 / 2, description: "hardware version" },
  softwareVersion: { type: "string", length: 4, address: 0x18 / 2, description: "software version" },
  uptime: { type: "u32", wordOrder: "high-first", unit: "s", address: 0x20 / 2, description: "running time" },
  powerOnCount: { type: "u32", wordOrder: "high-first", address: 0x24 / 2, description: "power-on count" },
  uart1CanProtocol: { type: "u16", address: 0xb2 / 2, description: "UART1 / CAN protocol numbers (2 × u8)" },
  uart2Protocol: { type: "u16", address: 0xd4 / 2, description: "UART2 protocol number" },
  lcdBuzzerTriggers: { type: "u16", address: 0xe4 / 2, description: "LCD buzzer / dry-contact triggers" },
});
