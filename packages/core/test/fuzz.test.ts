// test-support by path: core cannot list @batt/test-support (which depends on core) among its devDependencies.
// The suite module first: its work meter must start before any decoder runs.
import { fuzzSuite } from "../../../test-support/src/fuzz/suite.js";
import { CORE_TARGETS } from "./fuzz-targets.js";

// Seeded mutation fuzzing of the transcript parser (engine: test-support/src/fuzz, the long run: pnpm bench fuzz).
fuzzSuite("fuzz: core decoders", CORE_TARGETS);
