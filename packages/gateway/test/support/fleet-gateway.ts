// Bench fixture (bench/gateway-fleet): the gateway in a process of its own, so its CPU time and memory
// can be measured alone. argv[2] is the config (JSON). IPC: sends "ready" once every device is online;
// on "mark" starts measuring; on "report" sends CPU time, wall time and peak RSS since the mark.
import type { DevicePlugin } from "@batt/core";
import { plugin as jbd } from "@batt/jbd/cli";
import { Gateway } from "../../src/gateway.js";
import type { GatewayConfig } from "../../src/config/gateway-config.js";

// No top-level await: the bench also runs this file bundled as CommonJS.
async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as GatewayConfig;
  const gateway = await Gateway.start({ config, plugins: [jbd] as readonly DevicePlugin[] });
  const allOnline = (): boolean => Object.values(gateway.health()["devices"] as Record<string, { online: boolean }>).every((d) => d.online);
  while (!allOnline()) await new Promise((resolve) => setTimeout(resolve, 100));
  process.send!("ready");

  let cpu = process.cpuUsage();
  let wall = performance.now();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 500);
  process.on("message", (message) => {
    if (message === "mark") {
      cpu = process.cpuUsage();
      wall = performance.now();
      peakRss = process.memoryUsage.rss();
    } else if (message === "report") {
      const used = process.cpuUsage(cpu);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      process.send!({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, peakRss, health: gateway.health() });
    }
  });
  process.once("disconnect", () => {
    clearInterval(sampler);
    void gateway.stop().then(() => process.exit(0));
  });
}

void main();
