/**
 * USB identity of every iCharger model (docs/protocols/icharger.md#usb-hid-transport): the product id does not identify the model,
 * the product string and the device-ID register do.
 */
export const ICHARGER_USB = {
  /** STMicroelectronics vendor id used by Junsi. */
  vendorId: 0x0483,
  /** Product id of every model. */
  productId: 0x5751,
  /** Report size in bytes, report ID (0) excluded. */
  reportSize: 64,
} as const;
