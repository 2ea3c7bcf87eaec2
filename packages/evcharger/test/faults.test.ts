import { describe, expect, it } from "vitest";
import { failure, rig } from "./support.js";

describe("fault injection", () => {
  it("reads are retried once: one lost reply is cured, two are a timeout; the next request recovers", async () => {
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    sim.inject({ kind: "silence" });
    expect((await charger.readStatus()).state.name).toBe("Available");
    expect(charger.counters.retries).toBe(1);
    sim.inject({ kind: "silence" }, 2);
    expect(await failure(charger.readStatus())).toMatchObject({ code: "timeout", context: { attempts: 2 } });
    expect((await charger.readStatus()).state.name).toBe("Available");
  });

  it("a garbled reply is never decoded: retried as a read, reported as a checksum error when it persists", async () => {
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    sim.inject({ kind: "corrupt-checksum" }, 2);
    expect(await failure(charger.readStatus())).toMatchObject({ code: "checksum" });
    expect(charger.counters.checksumErrors).toBe(2);
    sim.inject({ kind: "garbage-before", bytes: Uint8Array.of(0x00, 0xff) });
    expect((await charger.readStatus()).voltageL1).toBeGreaterThan(200);
  });

  it("writes are not repeated: a lost write reply is a timeout, and the command was carried out once", async () => {
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    sim.plugIn();
    sim.model.command(3); // finished, waiting for a start
    sim.inject({ kind: "silence" });
    expect(await failure(charger.startCharging())).toMatchObject({ code: "timeout" });
    expect(sim.writes.filter((w) => w.address === 0x0627)).toHaveLength(1);
    expect((await charger.readStatus()).state.name).toBe("Charging");
  });

  it("a faulted charger shows Faulted and recovers when the fault clears", async () => {
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    sim.plugIn();
    sim.setFault(1 << 12);
    expect((await charger.readStatus()).faultCode.names).toEqual(["peGround"]);
    sim.setFault(0);
    expect((await charger.readStatus()).state.name).toBe("Charging");
  });
});
