export { BattError, ErrorCode, isBattError, toBattError } from "./errors.js";
export type { BattErrorContext, BattErrorOptions } from "./errors.js";
export { toHex, fromHex, hex } from "./hex.js";
export { concatBytes, bytesEqual, indexOfBytes } from "./bytes.js";
export { ByteReader } from "./byte-reader.js";
export type { Endian } from "./byte-reader.js";
export { ByteWriter } from "./byte-writer.js";
export { crc16Modbus } from "./crc16-modbus.js";
export { sum8, sum16, sum32 } from "./sums.js";
export { Listeners } from "./listeners.js";
export type { Unsubscribe } from "./listeners.js";
export { systemClock } from "./clock.js";
export type { Clock, TimerHandle } from "./clock.js";
export { startTicker } from "./ticker.js";
export type { Ticker } from "./ticker.js";
export { waitFor, abortError } from "./abort.js";
export { createPrng } from "./prng.js";
export type { Prng } from "./prng.js";
export type { Transport, TransportKind, TransportInfo, Parity } from "./transport.js";
export { BaseTransport } from "./base-transport.js";
export { MemoryTransport, createMemoryLink } from "./memory-transport.js";
export { bleUuid, shortBleUuid, sameBleUuid } from "./ble/ble-uuid.js";
export { BLE_GATT_PROFILES, bleGattProfile } from "./ble/gatt-profiles.js";
export type { BleGattProfile, BleGattProfileId } from "./ble/gatt-profiles.js";
export { bleLinkSettings, splitToMtu } from "./ble/ble-link-options.js";
export type { BleLinkOptions, BleTransportInfo } from "./ble/ble-link-options.js";
export type { MemoryLinkOptions } from "./memory-transport.js";
export { INCOMPLETE, invalid, parseError, skipMessage } from "./frame-parser.js";
export type { FrameParser, ParseResult, ParseInvalid, ParseIncomplete, SkipCode, SkipMessage } from "./frame-parser.js";
export { FrameDecoder } from "./frame-decoder.js";
export type { DecodeEvent, FrameDecoderOptions } from "./frame-decoder.js";
export { RequestEngine, DEFAULT_INTER_BYTE_TIMEOUT_MS, DEFAULT_MAX_REPLY_MS } from "./request-engine.js";
export type { Exchange, Announcement, MatchResult, RequestEngineOptions, EngineState, EngineTrace } from "./request-engine.js";
export { emptyCounters } from "./engine-counters.js";
export type { EngineCounters } from "./engine-counters.js";
export { isTransientError, NO_RETRY } from "./retry-policy.js";
export type { RetryPolicy } from "./retry-policy.js";
export { parseTranscript, formatTranscript } from "./transcript.js";
export type { TranscriptEntry, TranscriptDirection } from "./transcript.js";
export { TranscriptRecorder } from "./transcript-recorder.js";
export type {
  DevicePlugin,
  DevicePluginInfo,
  DeviceSession,
  SimulatorHandle,
  LinkDefaults,
  PluginOption,
  PluginOptionValues,
  PluginCommand,
  PluginCommandContext,
  PluginCommandHost,
  ResultTable,
} from "./device-plugin.js";
export { WrappedTransport } from "./wrapped-transport.js";
export { Mutex } from "./mutex.js";
export { numberOption } from "./plugin-options.js";
export type { NumberRange } from "./plugin-options.js";
export { wallTimeOf } from "./clock.js";
export { UNITS, isUnit } from "./model/units.js";
export type { Unit } from "./model/units.js";
export { MEASUREMENT_KINDS } from "./model/measurement-kinds.js";
export type { MeasurementKind, MeasurementKindInfo, StateClass } from "./model/measurement-kinds.js";
export { measure } from "./model/measurement.js";
export type { Measurement, MeasurementValue, MeasurementExtras } from "./model/measurement.js";
export { COMMON_ALARMS, commonAlarm } from "./model/alarms.js";
export type { AlarmSeverity, CommonAlarm, CommonAlarmId } from "./model/alarms.js";
export type { BatterySummary, ActiveAlarm } from "./model/battery-summary.js";
export type { DeviceIdentity, DeviceCategory } from "./model/device-identity.js";
export type { DeviceReading } from "./model/device-reading.js";
export { batteryMeasurements } from "./model/battery-measurements.js";
export { makeReading } from "./model/make-reading.js";
export type { ReadingParts } from "./model/make-reading.js";
export { formatReading, formatValue, formatMeasurement, formatIdentity } from "./model/format-reading.js";
export type { Device } from "./device/device.js";
export type { LinkOptions, DriverLinkDefaults, CallOptions } from "./device/link-options.js";
export { linkPluginOptions, linkOptionsFrom } from "./device/link-plugin-options.js";
export type { DeviceControl, SwitchControl, NumberControl, ButtonControl } from "./device/device-control.js";
export type { DeviceSettings, SettingField, SettingChoice, SettingValue, SettingValues, SettingChange, SettingsWriteResult, SettingsFileFormat } from "./device/device-settings.js";
export { checkSettingValue, checkSettingValues, diffSettingValues, sameSettingValue } from "./device/setting-checks.js";
export { settingsWriteError } from "./device/settings-write-error.js";
export { checkReleaseRelations } from "./device/release-relations.js";
export type { ReleaseRelation } from "./device/release-relations.js";
export { measureRows } from "./model/measurement-table.js";
export type { MeasurementRow, MeasurementOwner } from "./model/measurement-table.js";
export { resolveLinkOptions } from "./device/resolve-link-options.js";
export type { ResolvedLinkOptions } from "./device/resolve-link-options.js";
