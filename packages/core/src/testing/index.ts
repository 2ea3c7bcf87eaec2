export { transportContract, collect } from "./transport-contract.js";
export type { TransportPair, ContractCase, TransportContractOptions } from "./transport-contract.js";
export { FaultyTransport } from "./fault-transport.js";
export type { Fault, FaultRule, FaultyTransportOptions } from "./fault-transport.js";
export { TranscriptReplayer } from "./transcript-replayer.js";
export type { TranscriptReplayerOptions } from "./transcript-replayer.js";
export { ManualClock } from "./manual-clock.js";
export { devicePluginContract } from "./device-plugin-contract.js";
export type { DevicePluginContractOptions } from "./device-plugin-contract.js";
