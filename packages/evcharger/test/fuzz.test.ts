import { fuzzSuite } from "@batt/test-support/fuzz/suite";
import { EVCHARGER_TARGETS } from "./fuzz-targets.js";

// Seeded mutation fuzzing of capture decoding and the register maps of both generations (engine: test-support/src/fuzz, the long run: pnpm bench fuzz).
fuzzSuite("fuzz: EV charger decoders", EVCHARGER_TARGETS);
