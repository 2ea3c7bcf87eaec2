export { createPtyPair } from "./pty-pair.js";
export type { PtyPair, PtyPairOptions } from "./pty-pair.js";
export { createTcpPair } from "./tcp-pair.js";
export type { TcpPair, TcpPairOptions } from "./tcp-pair.js";
export { FakeNoble, FakeNoblePeripheral, FakeCharacteristic } from "./noble-double.js";
