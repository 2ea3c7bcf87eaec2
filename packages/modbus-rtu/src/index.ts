export { ModbusClient } from "./modbus-client.js";
export type { ModbusClientOptions, ModbusCallOptions, UnitReply } from "./modbus-client.js";
export { ModbusServer } from "./modbus-server.js";
export type { ModbusServerOptions, ModbusServerCounters } from "./modbus-server.js";
export { ModbusSimulator } from "./modbus-simulator.js";
export type { ModbusSimulatorOptions, ModbusServing } from "./modbus-simulator.js";
export type { ModbusHandler, ModbusRequestContext, MaybePromise } from "./handler.js";
export { dispatchRequest, exceptionCodeFor } from "./handler-dispatch.js";
export { RegisterBank } from "./register-bank.js";
export type { RegisterBankOptions, RegisterWriteEvent } from "./register-bank.js";
export { BitTable, RegisterTable } from "./data-table.js";
export type { TableLayout } from "./data-table.js";
export { FunctionCode, EXCEPTION_FLAG, isSupportedFunction, formatFunctionCode } from "./function-code.js";
export { ModbusException, MODBUS_EXCEPTION_NAMES, modbusExceptionName, ModbusExceptionError, exceptionMessage } from "./exception.js";
export { ModbusLimits, checkUnit, checkRange, checkRegisterValues } from "./limits.js";
export type { ModbusRequest, ModbusRequestKind, ModbusResponse, ResponseFor, VariantFor } from "./pdu.js";
export { REQUEST_FUNCTION, FUNCTION_REQUEST, functionCodeOf, isWriteRequest } from "./request-kinds.js";
export { encodeRequest, decodeRequest } from "./request-codec.js";
export { encodeResponse, decodeResponse } from "./response-codec.js";
export { packBits, unpackBits } from "./bits.js";
export { readWords, putWords } from "./words.js";
export { expectedReplyPduLength, replyPduLength, requestPduLength, EXCEPTION_PDU_LENGTH } from "./pdu-length.js";
export type { PduLength } from "./pdu-length.js";
export type { ModbusFrame, ModbusFraming, ReplyUnit, RtuFrame, TcpFrame } from "./frame.js";
export { encodeRtuFrame, decodeRtuFrame, hasValidCrc, rtuFrameAt, RTU_MIN_FRAME, RTU_MAX_FRAME, RTU_OVERHEAD } from "./rtu-frame.js";
export { rtuReplyParser, rtuResponseParser } from "./rtu-reply-parser.js";
export type { ExpectedReply } from "./rtu-reply-parser.js";
export { rtuRequestParser } from "./rtu-request-parser.js";
export { encodeTcpFrame, tcpFrameParser, MBAP_HEADER_LENGTH, MBAP_MAX_LENGTH } from "./tcp-frame.js";
export { rtuTiming } from "./rtu-timing.js";
export type { RtuTiming, RtuTimingOptions } from "./rtu-timing.js";
export { defineRegisterMap, RegisterMap } from "./register-map/register-map.js";
export type { RegisterBlock, RegisterWrite } from "./register-map/register-map.js";
export type {
  RegisterField,
  RegisterFields,
  FieldCommon,
  NamesOf,
  Int16Field,
  Int32Field,
  EnumField,
  FlagsField,
  StringField,
  WordOrder,
  ByteOrder,
  EnumValue,
  FlagsValue,
  FieldValue,
  FieldInput,
  RegisterValues,
} from "./register-map/register-field.js";
export { decodeFieldValue, encodeFieldValue, fieldSize } from "./register-map/field-codec.js";
export { applyScale, removeScale } from "./register-map/scale.js";
export { registerSettingField } from "./register-map/register-setting-field.js";
export type { SettingFieldOverrides } from "./register-map/register-setting-field.js";
export { planBlockReads } from "./register-map/plan-reads.js";
export type { PlanOptions, FieldSpan, BlockRead } from "./register-map/plan-reads.js";
export { readRegisterMap } from "./register-map/read-register-map.js";
export type { RegisterReader, ReadRegisterMapOptions } from "./register-map/read-register-map.js";
export { parseRtuCapture } from "./capture/rtu-capture.js";
export type { CapturedFrame } from "./capture/rtu-capture.js";
export { requestFromReply } from "./capture/request-from-reply.js";
export { describeCapture, describeCapturedFrame } from "./capture/describe-capture.js";
export type { CaptureNaming, RegisterNaming, FrameDescription } from "./capture/frame-description.js";
