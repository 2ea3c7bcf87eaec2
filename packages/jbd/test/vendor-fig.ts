/**
 * A `.fig` file in JBDTools' style, for the tests of every reader of the format: blank lines between
 * entries (CR LF CR LF), a negative current, the function bits (`BatteryConfig`), a GPS key, a key
 * we do not know (`SomethingNew`), and only one byte of the 0x3F pair (`DsgOCDelay` without its
 * release), so the file leaves that register incomplete.
 */
export const VENDOR_FIG = [
  "FileCode 3838",
  "DesignCapacity 10000",
  "OverDisCurrent -13000",
  "OverChargeCurrent 5000",
  "CellOverVoltage 3650",
  "ChgOverTemp 3231",
  "ManufactureDate 11388",
  "ChgUTDelay 2",
  "ChgOTDelay 3",
  "DsgOCDelay 4",
  "BatteryConfig 6",
  "GPS_VOL 3000",
  "SomethingNew 42",
  "DeviceName My pack 1",
].join("\r\n\r\n");

/** The settings every reader finds in {@link VENDOR_FIG}, in their units (0x3F's delay is not among them: its pair is incomplete). */
export const VENDOR_FIG_SETTINGS = {
  design_cap: 100,
  dsgoc: -130,
  chgoc: 50,
  covp: 3.65,
  chgot: 50,
  mfg_date: "2022-03-28",
  chgut_delay: 2,
  chgot_delay: 3,
  gps_off_voltage: 3,
  device_name: "My pack 1",
} as const;
