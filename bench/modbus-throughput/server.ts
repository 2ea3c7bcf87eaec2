// Child process of the benchmark: our ModbusServer answering on one end of the pty pair.
import { SerialPortTransport } from "@batt/transport-node";
import { ModbusServer, RegisterBank } from "@batt/modbus-rtu";

const [path, baud] = process.argv.slice(2);
if (!path) throw new Error("usage: server.ts <pty path> <baud>");
const transport = new SerialPortTransport({ path, baudRate: Number(baud ?? 115200) });
const bank = new RegisterBank({ holdingRegisters: 100 });
for (let i = 0; i < 100; i++) bank.holdingRegisters.set(i, i * 100);
await transport.open();
const server = new ModbusServer(transport, { units: 1, handler: bank });
server.start();
process.send?.("ready");
process.on("disconnect", () => {
  server.stop();
  void transport.close().then(() => process.exit(0));
});
