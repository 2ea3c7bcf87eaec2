import { decodeRequest, dispatchRequest, encodeResponse, exceptionCodeFor, ModbusException, ModbusExceptionError, type ModbusHandler, type ModbusRequestContext } from "@batt/modbus-rtu";
import { ICHARGER_LIMITS } from "../constants.js";

/** The functions the charger implements (PDF): 0x03, 0x04, 0x10. */
const IMPLEMENTED = new Set(["read-holding-registers", "read-input-registers", "write-multiple-registers"]);

/**
 * Answers one request PDU as the charger does: decoded with the Modbus codec, refused with exception 01
 * for functions other than 0x03/0x04/0x10 and 03 beyond 30 registers read or 28 written, carried out
 * on the handler, encoded back (errors become exception replies).
 */
export async function serveRequest(handler: ModbusHandler, pdu: Uint8Array, context: ModbusRequestContext): Promise<Uint8Array> {
  try {
    const request = decodeRequest(pdu);
    if (!IMPLEMENTED.has(request.kind)) throw new ModbusExceptionError(ModbusException.IllegalFunction, `${request.kind} is not implemented by the iCharger`);
    if ((request.kind === "read-holding-registers" || request.kind === "read-input-registers") && request.count > ICHARGER_LIMITS.readRegisters) {
      throw new ModbusExceptionError(ModbusException.IllegalDataValue, `at most ${ICHARGER_LIMITS.readRegisters} registers per read`);
    }
    if (request.kind === "write-multiple-registers" && request.values.length > ICHARGER_LIMITS.writeRegisters) {
      throw new ModbusExceptionError(ModbusException.IllegalDataValue, `at most ${ICHARGER_LIMITS.writeRegisters} registers per write`);
    }
    return encodeResponse(await dispatchRequest(handler, request, context));
  } catch (error) {
    return encodeResponse({ kind: "exception", functionCode: pdu[0] ?? 0, exceptionCode: exceptionCodeFor(error) });
  }
}
