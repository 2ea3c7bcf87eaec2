export { ICharger } from "./icharger.js";
export type { ChargerIdentity, ChannelIr } from "./icharger.js";
export type { IChargerOptions, IChargerLink } from "./device/options.js";
export type { IChargerReading } from "./device/reading.js";
export { ICHARGER_LINK_DEFAULTS } from "./device/link-defaults.js";
export { chargerIdentity, ICHARGER_DRIVER } from "./device/identity.js";
export { readingParts, channelBattery, runErrorAlarm, RUN_ERROR_ALARMS, RUN_STATE_OPTIONS, CONTROL_STATE_OPTIONS, RUN_ERROR_OPTIONS } from "./measurements.js";
export { createRegisterAccess, defaultLink } from "./access/create-register-access.js";
export type { ChargerContext, ControlTiming } from "./charger-context.js";
export { ICHARGER_USB } from "./usb-identity.js";
export { ICHARGER_LIMITS, RegisterArea, ControlRegister, ORDER_KEY, Order, channelStatusAddress, BALANCE_PORT_ERROR } from "./constants.js";
export type { ChannelIndex, BalancePortErrorPolicy } from "./constants.js";
export { s16, u32LowFirst, s32LowFirst, splitU32LowFirst, registersToImage, imageToRegisters, imageText, swappedText } from "./words.js";

export type { RegisterAccess, AccessCallOptions, RegisterTable } from "./access/register-access.js";
export { HidRegisterAccess } from "./access/hid-register-access.js";
export type { HidRegisterAccessOptions } from "./access/hid-register-access.js";
export { RtuRegisterAccess } from "./access/rtu-register-access.js";
export type { RtuRegisterAccessOptions } from "./access/rtu-register-access.js";
export { RegisterClient, changedRuns } from "./access/register-client.js";
export type { RegisterClientOptions, RegisterWriteBlock } from "./access/register-client.js";

export { HidReportType, HID_HEADER_LENGTH, encodeHidReport, hidReportParser } from "./hid/hid-report.js";
export type { HidReport } from "./hid/hid-report.js";
export { decodeLogView, encodeLogViewSample, LOG_STATES, LOG_STATE_IR_FLAG, LOG_BATTERY_TYPES } from "./hid/logview.js";
export type { LogViewReport, LogViewSample, LogViewIrFrame, LogViewRaw, LogViewSampleFields } from "./hid/logview.js";

export { MODELS, modelById, isModelId } from "./models/model-table.js";
export type { ChargerModel, ModelFamily, ModelId, SystemLayoutId } from "./models/model.js";
export { identifyModel, modelByDeviceId, modelByProductString } from "./models/identify.js";
export type { ModelIdentity, IdentifiedBy } from "./models/identify.js";
export { chemistryClass, batteryTypes, chemistryOfType, typeOfChemistry, LITHIUM_CHEMISTRIES, CELL_LIMITS } from "./models/chemistry.js";
export type { Chemistry, ChemistryClass, BatteryTypeNumbering } from "./models/chemistry.js";
export { operationCode, LITHIUM_OPERATIONS, NICKEL_LEAD_OPERATIONS, POWER_OPERATION, OPERATION_ENABLE_BIT } from "./models/operations.js";
export type { OperationName } from "./models/operations.js";

export { decodeStatusWord, encodeStatusWord, STATUS_BITS } from "./status/status-word.js";
export type { StatusWord, StatusFlag } from "./status/status-word.js";
export { RUN_STATUS_OBSERVED, CONTROL_STATUS_OBSERVED, runStatusOf, controlStatusOf } from "./status/run-status.js";
export type { ObservedStatus } from "./status/run-status.js";
export { RUN_ERROR_NAMES, decodeRunError } from "./status/run-error.js";
export type { RunError } from "./status/run-error.js";
export { decodeDeviceInfo, formatVersion, DEVICE_INFO_REGISTERS, statusWordOffset } from "./status/device-info.js";
export type { DeviceInfo } from "./status/device-info.js";
export { decodeChannelStatus, ChannelOffset, CHANNEL_BASE_REGISTERS, CHANNEL_FULL_REGISTERS, CHANNEL_CELL_SLOTS } from "./status/channel-status.js";
export type { ChannelStatus, ChannelDecodeOptions } from "./status/channel-status.js";
export { externalProbeTemperature } from "./status/external-probe.js";
export { readChannelStatus, readStatusWord, readRunState, readLiveSample, checkChannel } from "./status/channel-reads.js";
export type { LiveSample } from "./status/channel-reads.js";

export { SYSTEM_LAYOUTS } from "./system/system-layouts.js";
export type { SystemLayout, ModelCap } from "./system/system-layouts.js";
export { decodeSystemSettings, planSystemWrite, systemLayoutOf, systemRegisterCount } from "./system/system-settings.js";
export type { SystemSettings, SettingValue, SettingChanges, SystemWriteRules, SystemWritePlan } from "./system/system-settings.js";
export { readSystemSettings, writeSystemSettings } from "./system/system-io.js";
export type { SystemWriteOptions, SystemWriteResult } from "./system/system-io.js";
export { IChargerDeviceSettings } from "./system/system-device-settings.js";
export { systemSettingFields, isOnOffField } from "./system/system-setting-fields.js";

export { PRESET_FIELDS, presetFieldsFor, presetFieldSize, LITHIUM_VOLTAGE_FIELDS } from "./presets/preset-fields.js";
export type { PresetField, PresetFieldType, PresetCap } from "./presets/preset-fields.js";
export { decodePreset, applyPresetChanges, presetRegisterCount, presetRaw, withPresetRaw, USE_FLAG } from "./presets/preset-codec.js";
export type { Preset, PresetValue, PresetState, PresetChanges, PresetContext } from "./presets/preset-codec.js";
export { decodePresetIndex, encodePresetIndex, presetIndexRegisters, INDEX_EMPTY, INDEX_HIDDEN } from "./presets/preset-index.js";
export type { PresetIndex, PresetIndexEntry } from "./presets/preset-index.js";
export { readPreset, readPresetIndex, listPresets, writePreset, checkSlot } from "./presets/preset-io.js";
export type { PresetSummary, PresetWriteOptions, PresetWriteResult } from "./presets/preset-io.js";

export { runWrite, stopWrite, orderWrite, relockWrite, selectPresetWrite } from "./control/control-writes.js";
export { sendOrder } from "./control/orders.js";
export { startChannel, stopChannel, stopSafely, answerDialog, setLogging } from "./control/channel-control.js";
export type { StartOptions, StartResult, StopOptions } from "./control/channel-control.js";
export { modifyChannel, modifyWrite } from "./control/modify.js";
export { ichargerControls, PROGRAM_BUTTONS, DEFAULT_CONTROL_PRESET } from "./cli/controls.js";
export type { IChargerControlOptions, ProgramButton } from "./cli/controls.js";
export type { ModifyOptions, ModifyResult } from "./control/modify.js";

export { computeIr } from "./ir/ir-compute.js";
export type { IrComputation } from "./ir/ir-compute.js";
export { measureIr, IR_HARD_LIMITS } from "./ir/auto-ir.js";
export type { AutoIrOptions, AutoIrResult, IrProgress } from "./ir/auto-ir.js";

export { describeReport, describeControlWrite } from "./describe-report.js";
export type { ReportDescription } from "./describe-report.js";
export { recordRun } from "./record/record-run.js";
export type { RecordOptions, RecordedRun, RecordEnd } from "./record/record-run.js";
export { formatLog, logCsvHeader, logCsvRow, logJsonLine } from "./record/log-rows.js";
export type { LogFormat } from "./record/log-rows.js";
export { runTemporaryPreset } from "./control/temporary-run.js";
export type { TemporaryRunOptions, TemporaryRunResult, TemporaryChemistry } from "./control/temporary-run.js";
export { readPresetImage, writePresetImage, findFreeSlot } from "./presets/preset-io.js";
export type { PresetImage } from "./presets/preset-io.js";
