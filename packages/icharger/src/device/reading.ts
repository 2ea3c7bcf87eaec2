import type { ModelId } from "../models/model.js";
import type { ChannelStatus } from "../status/channel-status.js";
import type { DeviceInfo } from "../status/device-info.js";

/** The iCharger's own reading, carried in `DeviceReading.reading`: device info and every channel, as decoded. */
export interface IChargerReading {
  /** Model id and name. */
  readonly model: { readonly id: ModelId; readonly name: string };
  /** Device info (status words fresh). */
  readonly deviceInfo: DeviceInfo;
  /** Every channel's status. */
  readonly channels: readonly ChannelStatus[];
}
