export { JbdBms } from "./jbd-bms.js";
export type { JbdBmsOptions, RestoreOptions, RestoreResult } from "./jbd-bms.js";
export type { JbdReading } from "./reading.js";
export { jbdIdentity } from "./identity.js";
export type { JbdIdentity } from "./identity.js";
export { jbdBatterySummary, jbdMeasurements } from "./measurements.js";
export { PROTECTION_ALARMS, TAIL_ALARMS, jbdAlarms } from "./alarm-map.js";
export type { JbdAlarmRef } from "./alarm-map.js";
export { JbdClient, JBD_LINK_DEFAULTS } from "./client.js";
export type { JbdClientOptions } from "./client.js";
export {
  JBD_START,
  JBD_END,
  JBD_READ,
  JBD_WRITE,
  JBD_OVERHEAD,
  JbdRegister,
  JbdStatus,
  FACTORY_ENTER_DATA,
  FACTORY_EXIT_DATA,
  FACTORY_SAVE_DATA,
  CLEAR_PASSWORD_TEXT,
} from "./constants.js";
export { jbdChecksum } from "./checksum.js";
export type { JbdFrame, JbdRequest, JbdResponse } from "./frame.js";
export { encodeReadRequest, encodeWriteRequest, encodeRequest, encodeResponse, u16Data } from "./encode.js";
export { parseJbdFrame, jbdResponseParser, jbdRequestParser, jbdFrameParser } from "./parser.js";
export type { JbdFrameSide } from "./parser.js";
export { jbdStatusText, jbdStatusError, hasJbdStatus } from "./status.js";
export { decodeJbdDate, encodeJbdDate } from "./date.js";
export { PROTECTION_FLAGS, ALARM_FLAGS, FUNCTION_FLAGS, FUNCTION_FLAG_ALIASES, NTC_FLAGS, decodeFlags, activeFlags, encodeFlags } from "./flags.js";
export type { ProtectionFlag, AlarmFlag } from "./flags.js";
export { KELVIN_OFFSET_RAW, kelvinTenthsToCelsius, celsiusToKelvinTenths } from "./units.js";
export { decodeBasicInfo, readBasicInfoRaw, encodeBasicInfo, BASIC_INFO_FIXED_LENGTH, BASIC_INFO_TAIL_LENGTH } from "./basic-info.js";
export type { BasicInfo, BasicInfoRaw, BasicInfoTailRaw, BasicInfoOptions, FetStatus } from "./basic-info.js";
export { decodeCellVoltages, encodeCellVoltages } from "./cell-voltages.js";
export { decodeDeviceName, decodeStringRegister, encodeStringRegister, bytesToText, textToBytes, JBD_STRING_MAX } from "./text.js";
export { decodeErrorCounters, encodeErrorCounters, ERROR_COUNTER_NAMES } from "./error-counters.js";
export type { ErrorCounters, ErrorCounterName } from "./error-counters.js";
export { decodeAfeChip, AFE_CHIPS } from "./afe-chip.js";
export type { AfeChip } from "./afe-chip.js";
export { JBD_SETTINGS, findSetting, settingAddresses, settingsAt, isStringRegister } from "./settings/table.js";
export type { SettingDef, SettingKind, SettingValue } from "./settings/types.js";
export { decodeSetting, encodeSetting, extractField, insertField, parseSettingValue, formatSettingValue } from "./settings/convert.js";
export type { RegisterValue } from "./settings/convert.js";
export { RELEASE_RELATIONS, checkRelations, relationPartners } from "./settings/relations.js";
export type { ReleaseRelation } from "@batt/core";
export { snapshotFromRegisters } from "./settings/snapshot.js";
export type { SettingsSnapshot } from "./settings/snapshot.js";
export { settingBits, bitsOf } from "./settings/flag-bits.js";
export { readRegister, readRegisters } from "./settings-reader.js";
export type { RegisterRead } from "./settings-reader.js";
export { writeSettings } from "./settings-writer.js";
export type { SettingsWriteOptions, SettingsWriteReport, RegisterChange } from "./settings-writer.js";
export { JbdDeviceSettings } from "./settings/device-settings.js";
export type { JbdDeviceSettingsOptions } from "./settings/device-settings.js";
export { JBD_SETTING_GROUPS, bitKey, jbdSettingFields } from "./settings/setting-fields.js";
export type { JbdSettingGroup } from "./settings/setting-fields.js";
export { jbdJsonFormat, jbdFigFormat } from "./settings/file-formats.js";
export type { JbdJsonFormatOptions } from "./settings/file-formats.js";
export { checkJbdValues } from "./settings/check-values.js";
export { enterFactoryMode, exitFactoryMode, withFactoryMode, JBD_PAUSE_AFTER_SAVE_MS } from "./factory-mode.js";
export type { FactoryModeOptions, FactoryScope } from "./factory-mode.js";
export { encodePassword, usePasswordData, setPasswordData, clearPasswordData, sendPassword } from "./password.js";
export type { PasswordEncoding } from "./password.js";
export { setMosfet, currentMosfetMask } from "./mosfet.js";
export type { MosfetRequest, MosfetResult } from "./mosfet.js";
export { CONTROL_COMMANDS, BALANCE_TEST_MODES, sendControl, balanceTest, endBalanceTest, calibrate, calibrationWrite } from "./control.js";
export type { ControlCommand, BalanceTestMode, Calibration } from "./control.js";
export { calibrationReadBack } from "./calibration-check.js";
export type { CalibrationReadBack } from "./calibration-check.js";
export { BACKUP_FORMAT, BACKUP_VERSION, createBackup, parseBackup, diffSettings } from "./backup.js";
export type { JbdSettingsBackup, BackupDevice, SettingDiff } from "./backup.js";
export { FIG_KEYS, exportFig, importFig } from "./fig.js";
export type { FigKey, FigImport, FigExportOptions, FigLineEnding } from "./fig.js";
export { describeJbdFrame, decodeReplyPayload, jbdRegisterName } from "./describe-frame.js";
export type { FrameDescription } from "./describe-frame.js";
export {
  JBD_PARAMETER_REGISTER,
  JBD_MAX_PARAMETERS_PER_READ,
  JBD_LEGACY_PARAMETER_COUNT,
  JBD_PARAMETER_NAMES,
  parameterReadData,
  parameterWriteData,
  decodeParameterReply,
  describeParameter,
  readParameterWords,
  detectParameterProtocol,
  readParameters,
  writeParameters,
} from "./parameters.js";
export type { JbdParameter } from "./parameters.js";
export { JBD_FET_CONTROL_REGISTER, JBD_FET_SWITCHES, fetControlData, sendFetControl } from "./fet-control.js";
export type { JbdFetSwitch } from "./fet-control.js";
