import { describe, expect, it } from "vitest";
import { encodeCellVoltages } from "../src/index.js";
import { rig } from "./helpers.js";

// Issue 14 item 8: a cell-voltage reply that disagrees with the cell count basic info gave is
// reported, not taken as 40 cells of a 4-cell pack.
describe("cell count from basic info against the cell-voltage reply", () => {
  it("40 cells after basic info said 4: a frame error naming both counts", async () => {
    const { bms, simulator } = await rig();
    const device = simulator.device;
    const original = device.handle.bind(device);
    device.handle = (request) =>
      request.kind === "read" && request.register === 0x04 ? { register: 0x04, status: 0, data: encodeCellVoltages(new Array<number>(40).fill(3300)) } : original(request);
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    const error = await bms.readCellVoltages().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "frame", context: { expectedCells: 4, cells: 40 } });
    expect((error as Error).message).toMatch(/40 cells.*basic info.*4/);
  });

  it("the same count passes", async () => {
    const { bms } = await rig();
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    expect(await bms.readCellVoltages()).toHaveLength(4);
  });
});
