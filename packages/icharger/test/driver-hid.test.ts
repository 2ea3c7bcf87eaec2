import { driverSuite } from "./support/driver-suite.js";
import { hidRig } from "./support/rigs.js";

driverSuite("driver over USB HID framing (in-memory packet link)", hidRig);
