export { WebSerialTransport } from "./web-serial-transport.js";
export type { WebSerialTransportOptions, WebSerialTransportInfo } from "./web-serial-options.js";
export { WebHidTransport } from "./web-hid-transport.js";
export type { WebHidTransportOptions, WebHidTransportInfo } from "./web-hid-transport.js";
export { requestSerialPort, grantedSerialPorts, serialPortLabel } from "./serial-port-request.js";
export type { SerialPortRequestOptions } from "./serial-port-request.js";
export { requestHidDevice, requestIChargerDevice, grantedHidDevices, ICHARGER_HID_FILTERS } from "./hid-device-request.js";
export { USB_SERIAL_ADAPTERS, usbSerialAdapterFilters, findUsbSerialAdapter } from "./usb-serial-adapters.js";
export type { UsbSerialAdapter } from "./usb-serial-adapters.js";
export { hasWebSerial, hasWebHid, webSerial, webHid, BROWSER_SUPPORT, hasWebBluetooth, webBluetooth, WEB_BLUETOOTH_SUPPORT } from "./feature-detection.js";
export { WebBluetoothTransport } from "./web-bluetooth-transport.js";
export type { WebBluetoothTransportOptions, WebBluetoothTransportInfo } from "./web-bluetooth-transport.js";
export { requestBluetoothDevice, bluetoothRequestOptions, bluetoothAvailable } from "./bluetooth-device-request.js";
export type { BluetoothDeviceRequestOptions } from "./bluetooth-device-request.js";
export type {
  WebSerial,
  WebSerialPort,
  WebSerialPortInfo,
  WebSerialPortFilter,
  WebSerialOpenOptions,
  WebSerialParity,
  WebSerialRequestOptions,
} from "./web-serial-types.js";
export type { WebHid, WebHidDevice, WebHidDeviceFilter, WebHidInputReportEvent, WebHidConnectionEvent, WebHidRequestOptions } from "./web-hid-types.js";
export type {
  WebBluetooth,
  WebBluetoothDevice,
  WebBluetoothGattServer,
  WebBluetoothService,
  WebBluetoothCharacteristic,
  WebBluetoothCharacteristicProperties,
  WebBluetoothRequestOptions,
  WebBluetoothScanFilter,
} from "./web-bluetooth-types.js";
