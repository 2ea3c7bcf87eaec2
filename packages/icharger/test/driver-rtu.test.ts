import { driverSuite } from "./support/driver-suite.js";
import { rtuRig } from "./support/rigs.js";

driverSuite("driver over serial Modbus RTU (in-memory stream link)", rtuRig);
