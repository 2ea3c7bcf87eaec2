import { fuzzSuite } from "@batt/test-support/fuzz/suite";
import { VOLTAIC_TARGETS } from "./fuzz-targets.js";

// Seeded mutation fuzzing of capture decoding and the register maps (engine: test-support/src/fuzz, the long run: pnpm bench fuzz).
fuzzSuite("fuzz: Voltaic decoders", VOLTAIC_TARGETS);
