export { transportContract, collect } from "./transport-contract.js";
export type { TransportPair, ContractCase, TransportContractOptions } from "./transport-contract.js";
