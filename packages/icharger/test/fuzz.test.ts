import { fuzzSuite } from "@batt/test-support/fuzz/suite";
import { ICHARGER_TARGETS } from "./fuzz-targets.js";

// Seeded mutation fuzzing of the HID report parser, LogView and the status, settings and preset codecs (engine: test-support/src/fuzz, the long run: pnpm bench fuzz).
fuzzSuite("fuzz: iCharger decoders", ICHARGER_TARGETS, { skipRecomputeCheck: [] });
