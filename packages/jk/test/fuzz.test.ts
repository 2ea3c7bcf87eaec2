import { fuzzSuite } from "@batt/test-support/fuzz/suite";
import { JK_TARGETS } from "./fuzz-targets.js";

// Seeded mutation fuzzing of the 4E57 and JK-PB decoders (engine: test-support/src/fuzz, the long run: pnpm bench fuzz).
fuzzSuite("fuzz: JK decoders", JK_TARGETS);
