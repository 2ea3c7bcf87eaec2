/** What kind of device it is, for grouping and for Home Assistant's device registry. */
export type DeviceCategory = "bms" | "charger" | "solar-controller" | "ev-charger" | "modbus";

/**
 * Who the device is: what the device told us about itself and what the driver knows. Fields the
 * device does not report are absent.
 */
export interface DeviceIdentity {
  /** Plugin id of the driver that reads it (`jbd`, `jk`, `icharger`, `voltaic`, `evcharger`). */
  readonly driver: string;
  /** What kind of device it is. */
  readonly category: DeviceCategory;
  /** Manufacturer, as the driver knows it (`JBD`, `JK`, `Junsi`). */
  readonly manufacturer?: string;
  /** Model as the device reports it (`JBD-SP04S034`, `iCharger 4010 DUO`). */
  readonly model?: string;
  /** Serial number or another unique id the device reports. */
  readonly serial?: string;
  /** Firmware (software) version. */
  readonly firmware?: string;
  /** Hardware version. */
  readonly hardware?: string;
  /** Bus address, where the bus carries several devices (Modbus unit, JK-PB address). */
  readonly address?: number;
  /** The user's name for it, where one is configured or stored in the device. */
  readonly name?: string;
}
