// Bench fixture (bench/gateway-fleet): N simulated JBD packs, each behind its own TCP listener, the
// way serial-to-Ethernet gateways serve them. Sends the ports over IPC; stops when the parent disconnects.
import { JbdSimulator } from "@batt/jbd/simulator";
import { TcpServerTransport } from "@batt/transport-node";

const count = Number(process.argv[2] ?? "1");
const servers: TcpServerTransport[] = [];
const simulators: JbdSimulator[] = [];
for (let i = 0; i < count; i++) {
  const server = new TcpServerTransport({ host: "127.0.0.1", port: 0 });
  await server.open();
  const sim = new JbdSimulator({}).attach(server);
  sim.start();
  servers.push(server);
  simulators.push(sim);
}
process.send!({ ports: servers.map((s) => s.info.port) });
process.once("disconnect", () => {
  void (async () => {
    for (const sim of simulators) await sim.stop();
    for (const server of servers) await server.close();
    process.exit(0);
  })();
});
