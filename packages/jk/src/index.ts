export { JK_STX, JK_END_BYTE, JK_FRAME_OVERHEAD, JK_INFO_OFFSET, JK_MIN_LENGTH, JK_DEFAULT_MAX_LENGTH, JK_BAUD_RATE, JkCommand, JkSource, JkTransmission } from "./constants.js";
export type { JkTransmissionName } from "./constants.js";
export { jkChecksum } from "./checksum.js";
export type { JkFrame, JkRequestFrame, JkReplyFrame } from "./frame.js";
export {
  encodeJkFrame,
  encodeReadAllRequest,
  encodeReadRequest,
  encodeWriteRequest,
  encodePasswordRequest,
  encodeActivateRequest,
  encodeJkReply,
} from "./encode.js";
export type { JkFrameInput } from "./encode.js";
export { createJkParser, jkReplyParser, jkRequestParser, jkFrameParser, decodeJkFrame } from "./parser.js";
export type { JkFrameSide, JkParserOptions } from "./parser.js";
export { JK_WARNING_BITS, JK_STATUS_BITS, decodeFlags, encodeFlags } from "./identifiers/flag-tables.js";
export type { JkFlags, JkWarningName, JkStatusName } from "./identifiers/flag-tables.js";
export type { JkIdentifierSpec, JkValueKind, JkAccess, JkCell, JkEnumValue, JkKindValues, JkKindInputs } from "./identifiers/identifier-spec.js";
export { JK_WARNING_ALARMS } from "./identifiers/warning-alarms.js";
export { activeAlarms } from "./alarm-table.js";
export type { JkAlarmMeaning } from "./alarm-table.js";
export { JK_IDENTIFIERS, identifierById, identifierByKey } from "./identifiers/identifier-table.js";
export type { JkIdentifierEntry, JkKey, JkWritableKey, JkSettingKey } from "./identifiers/identifier-table.js";
export { decodeTemperature, encodeTemperature, DEFAULT_TEMPERATURE_RULE } from "./temperature.js";
export type { JkTemperatureRule } from "./temperature.js";
export { decodeCurrent, encodeCurrent, currentEncodingFor } from "./current.js";
export type { JkCurrentEncoding } from "./current.js";
export { decodeValue, encodeValue } from "./value-codec.js";
export type { JkValue, JkValueContext } from "./value-codec.js";
export type { JkValues, JkValueOf, JkInputOf } from "./values.js";
export { splitInfoField } from "./info-field.js";
export type { JkInfoEntry, SplitInfoOptions } from "./info-field.js";
export { encodeInfoField, joinInfoEntries } from "./info-encode.js";
export { decodeInfoField } from "./snapshot.js";
export type { JkSnapshot, JkUnknownIdentifier, JkDecodeOptions } from "./snapshot.js";
export { decodeSingleRead } from "./single-read.js";
export { liveData, cellStats } from "./live-data.js";
export type { JkLiveData, JkCellStats } from "./live-data.js";
export { jkReadingOf } from "./jk-reading.js";
export type { JkReading, JkUnknownEntry } from "./jk-reading.js";
export { jkBatterySummary, jkMeasurements } from "./measurements.js";
export { jkIdentity } from "./identity.js";
export { JK_BATTERY_CHEMISTRIES, jkBatteryTypeOf } from "./battery-types.js";
export type { JkBatteryType } from "./battery-types.js";
export { JK_LINK_DEFAULTS } from "./link-defaults.js";
export { settingsOf, writableSpec, JK_SETTING_KEYS, JK_WRITABLE_KEYS } from "./settings.js";
export type { JkSettings } from "./settings.js";
export { JkClient } from "./client.js";
export type { JkClientOptions } from "./client.js";
export { JkBms, JK_DEFAULT_PASSWORD_DELAY_MS } from "./jk-bms.js";
export type { JkBmsOptions, JkWriteOptions, JkWriteValues } from "./jk-bms.js";
export type { JkWriteResult } from "./write-result.js";
export { JkPbBlock, pbRegisterAddress, checkPbAddress, JK_PB_ADDRESSES } from "./pb/pb-blocks.js";
export type { JkPbBlockLayout } from "./pb/pb-blocks.js";
export { JK_PB_SETTINGS_MAP, JK_PB_FUNCTION_BITS } from "./pb/pb-settings-map.js";
export type { JkPbSettingName } from "./pb/pb-settings-map.js";
export { JK_PB_LIVE_MAP } from "./pb/pb-live-map.js";
export { JK_PB_DEVICE_INFO_MAP } from "./pb/pb-device-info-map.js";
export { JK_PB_ALARM_BITS } from "./pb/pb-alarm-bits.js";
export { JK_PB_ALARM_MEANINGS } from "./pb/pb-alarm-meanings.js";
export type { JkPbAlarmName } from "./pb/pb-alarm-bits.js";
export { wordFields, longFields, arrayOf, joinFields } from "./pb/pb-field-arrays.js";
export { blockReader } from "./pb/pb-block-reader.js";
export { pbLiveData, JK_PB_BALANCE_STATES } from "./pb/pb-live-data.js";
export { pbBatterySummary, pbMeasurements } from "./pb/pb-measurements.js";
export type { JkPbLiveData, JkPbLiveRegisters, JkPbBalanceState } from "./pb/pb-live-data.js";
export { JkPbBms, JK_PB_DEFAULT_MAX_READ } from "./pb/jk-pb-bms.js";
export type { JkPbBmsOptions, JkPbReading, JkPbSettings, JkPbDeviceInfo, JkPbWriteOptions, JkPbWriteResult } from "./pb/jk-pb-bms.js";
export { JkPbBus } from "./pb/jk-pb-bus.js";
export type { JkPbBusOptions, JkPbPackReading, JkPbBusReading, JkPbPackFailure } from "./pb/jk-pb-bus.js";
