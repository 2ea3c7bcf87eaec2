export { EvCharger } from "./ev-charger.js";
export type { EvChargerOptions, ChargerClock } from "./ev-charger-options.js";
export { evChargerMeasurements } from "./measurements.js";
export { evChargerIdentity } from "./identity.js";
export type { IdentitySource } from "./identity.js";
export type { EvChargerReading, ChargerStatus, ChargerSettings, CommandResult, SettingWriteResult } from "./charger-reading.js";
export { inputRegisterMap, G2_STATUS_REGISTERS } from "./input-registers.js";
export type { InputRegisterMap } from "./input-registers.js";
export { holdingRegisterMap, HOLDING_WRITE_POLICY, HOLDING_BLOCKS, G2_ONLY_HOLDING } from "./holding-registers.js";
export { READ_PLANS, MAX_READ_REGISTERS, uncovered } from "./read-plan.js";
export type { ReadPlan, RegisterSpan } from "./read-plan.js";
export type { HoldingRegisterMap, HoldingName, WritePolicy, HoldingBlock } from "./holding-registers.js";
export { EvChargerDeviceSettings } from "./charger-device-settings.js";
export { CHARGE_CURRENT_KEY, CHARGER_SETTINGS, chargerSettingFields } from "./charger-setting-fields.js";
export { DEFAULT_WORD_ORDERS, wordOrdersFor, swapped } from "./word-order.js";
export type { WordOrders } from "./word-order.js";
export { detectGeneration } from "./generation.js";
export type { Generation } from "./generation.js";
export * from "./enums.js";
export * from "./constants.js";
export * from "./serial-link.js";
export { CONTROL_COMMAND_VALUE, EXPECTED_STATES } from "./control.js";
export { EepromGuard } from "./eeprom-guard.js";
export { wordOrderWarning, IMPLAUSIBLE_ENERGY, IMPLAUSIBLE_SECONDS } from "./plausibility.js";
export { describeChargerFrames } from "./describe-frame.js";
export { imageBytesFromText, fromBase64 } from "./image-text.js";
export { runUpgrade } from "./upgrade/upgrade-procedure.js";
export type { UpgradeOptions, UpgradeProgress, UpgradeResult, UpgradeTarget } from "./upgrade/upgrade-procedure.js";
export { verifyImage, packetRegisters, DEFAULT_MAX_IMAGE_BYTES, MAX_FILE_NAME } from "./upgrade/firmware-image.js";
export type { FirmwareImage, VerifiedImage } from "./upgrade/firmware-image.js";
export { UpgradeError } from "./upgrade/upgrade-error.js";
export type { UpgradeStep, UpgradeStopPoint } from "./upgrade/upgrade-error.js";
export {
  upgradeRegisterMap,
  PACKAGE_NUMBER_ADDRESS,
  UPGRADE_DATA_ADDRESS,
  UPGRADE_DATA_REGISTERS,
  PACKET_BYTES,
  MODULE_BLOCK,
  ERASE_BLOCK,
  STATUS_BLOCK,
} from "./upgrade/upgrade-registers.js";
export type { UpgradeRegisterMap } from "./upgrade/upgrade-registers.js";
export { SESSION_STATES, chargerTime, sessionFromReading, ChargeSessionLog } from "./charge-session.js";
export type { ChargeSession, LoggedSession } from "./charge-session.js";
export { SurplusController } from "./surplus/surplus-controller.js";
export { SURPLUS_DEFAULTS } from "./surplus/surplus-controller.js";
export type { SurplusOptions, SurplusState, SurplusDecision } from "./surplus/surplus-controller.js";
export { surplusSetup } from "./surplus/surplus-setup.js";
export type { SurplusSetup } from "./surplus/surplus-setup.js";
export { applySurplusDecision } from "./surplus/apply-surplus.js";
export type { SurplusAction } from "./surplus/apply-surplus.js";
