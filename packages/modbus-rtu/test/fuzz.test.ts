import { fuzzSuite } from "../../../test-support/src/fuzz/suite.js";
import { MODBUS_TARGETS } from "./fuzz-targets.js";

// Seeded mutation fuzzing of the RTU and TCP parsers, the PDU codec and capture decoding (engine: test-support/src/fuzz, the long run: pnpm bench fuzz).
fuzzSuite("fuzz: Modbus decoders", MODBUS_TARGETS);
