import { EB90_CHECKSUM_FIELD, EB90_ENVELOPE_FIELDS, num, reserved, text, type Eb90Layout } from "./eb90-layout.js";

/**
 * Device info (frame type 0x03), the same in every generation (syssi/esphome-jk-bms
 * components/jk_bms_ble/jk_bms_ble.cpp decode_device_info_; jblance/mpp-solar jk02.py;
 * docs/protocols/jk.md#device-info-type-0x03). The port
 * protocol numbers are those of 32-cell firmware; older firmware leaves those bytes zero.
 */
export const EB90_DEVICE_INFO_LAYOUT: Eb90Layout = {
  name: "device-info",
  fields: [
    ...EB90_ENVELOPE_FIELDS,
    text("model", 6, 16),
    text("hardwareVersion", 22, 8),
    text("softwareVersion", 30, 8),
    num("uptime", 38, "u32"),
    num("powerOnCount", 42, "u32"),
    text("deviceName", 46, 16),
    text("devicePasscode", 62, 16),
    text("manufacturingDate", 78, 8),
    text("serialNumber", 86, 11),
    text("passcode", 97, 5),
    text("userData", 102, 16),
    text("setupPasscode", 118, 16),
    reserved(134, 50),
    num("uart1Protocol", 184, "u8"),
    num("canProtocol", 185, "u8"),
    reserved(186, 32),
    num("uart2Protocol", 218, "u8"),
    reserved(219, 80),
    EB90_CHECKSUM_FIELD,
  ],
};
