export { FaultQueue } from "./fault-queue.js";
export { answerRequests } from "./answer-requests.js";
export type { AnswerRequestsOptions, ReplyPiece } from "./answer-requests.js";
export { DeviceSimulator } from "./device-simulator.js";
export type { DeviceSimulatorOptions } from "./device-simulator.js";
