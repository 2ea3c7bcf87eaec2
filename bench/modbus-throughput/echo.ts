// Child process of the benchmark: the ceiling. For every 8 bytes received it writes a 25-byte
// reply (the size of a 10-register read reply) with no parsing, through the same serial I/O
// layer as the Modbus cases.
import { SerialPortTransport } from "@batt/transport-node";

const [path, baud] = process.argv.slice(2);
if (!path) throw new Error("usage: echo.ts <pty path> <baud>");
const REQUEST = 8;
const reply = new Uint8Array(25).fill(0x5a);
const transport = new SerialPortTransport({ path, baudRate: Number(baud ?? 115200) });
await transport.open();
let pending = 0;
transport.onData((chunk) => {
  pending += chunk.length;
  while (pending >= REQUEST) {
    pending -= REQUEST;
    void transport.write(reply);
  }
});
process.send?.("ready");
process.on("disconnect", () => void transport.close().then(() => process.exit(0)));
