import { driverSuite } from "./support/driver-suite.js";
import { ptyRig } from "./support/rigs.js";

driverSuite("driver over serial Modbus RTU (socat pty, serialport)", ptyRig);
