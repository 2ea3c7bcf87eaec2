import { createMemoryLink, TranscriptRecorder } from "@batt/core";
import { TranscriptReplayer } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { JbdSimulator } from "../src/simulator/index.js";
import { driverOn } from "./helpers.js";

describe("transcripts", () => {
  it("records a session against the simulator and replays it through the driver with the same values", async () => {
    const { host, device } = createMemoryLink();
    await device.open();
    new JbdSimulator({ pack: { cells: 8, chemistry: "li-ion", soc: 75, current: -3.2, ambient: 19, sensorOffsets: [0, 1.5, 3] }, extendedInfo: true }).attach(device);
    const recorder = new TranscriptRecorder(host);
    await recorder.open();
    const live = driverOn(recorder);
    const recorded = {
      info: await live.readBasicInfo(),
      cells: await live.readCellVoltages(),
      name: await live.readDeviceName(),
      covp: await live.readSetting("covp"),
    };
    recorder.comment("end of session");
    const text = recorder.toString();
    expect(text.split("\n").filter((l) => l.startsWith("=>"))).toHaveLength(3 + 3);

    const replayer = new TranscriptReplayer(text);
    await replayer.open();
    const replay = driverOn(replayer);
    expect(await replay.readBasicInfo()).toEqual(recorded.info);
    expect(await replay.readCellVoltages()).toEqual(recorded.cells);
    expect(await replay.readDeviceName()).toBe(recorded.name);
    expect(await replay.readSetting("covp")).toBe(recorded.covp);
    replayer.assertComplete();
    expect(recorded.info).toMatchObject({ cellCount: 8, current: -3.2, temperatures: [19, 20.5, 22] });
  });

  it("replays the reference capture (docs/protocols/jbd.md#device-captures) and decodes the documented values", async () => {
    const replayer = new TranscriptReplayer(`
      # JBD-SP04S034-L4S-200A-B-U, from docs/protocols/jbd.md#device-captures
      => DD A5 03 00 FF FD 77
      <= DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77
      => DD A5 04 00 FF FC 77
      <= DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77
    `);
    await replayer.open();
    const bms = driverOn(replayer);
    expect(await bms.readBasicInfo()).toMatchObject({ voltage: 15.6, soc: 100, temperatures: [22.4, 22.3, 21.7], manufactureDate: "2022-03-28" });
    expect(await bms.readCellVoltages()).toEqual([3.909, 3.901, 3.895, 3.901]);
    replayer.assertComplete();
  });

  it("a settings write sends exactly the frames of docs/protocols/jbd.md#factory-mode: enter, read, write, read back, save-exit", async () => {
    const replayer = new TranscriptReplayer(`
      => DD 5A 00 02 56 78 FF 30 77     # enter factory mode
      <= DD 00 00 00 00 00 77
      => DD A5 24 00 FF DC 77           # read covp: 3600 mV
      <= DD 24 00 02 0E 10 FF E0 77
      => DD A5 25 00 FF DB 77           # read covp_rel (checked against covp): 3400 mV
      <= DD 25 00 02 0D 48 FF A9 77
      => DD 5A 24 02 0E 42 FF 8A 77     # write covp = 3650 mV
      <= DD 24 00 00 00 00 77
      => DD A5 24 00 FF DC 77           # read back
      <= DD 24 00 02 0E 42 FF AE 77
      => DD 5A 01 02 28 28 FF AD 77     # exit and save
      <= DD 01 00 00 00 00 77
    `);
    await replayer.open();
    const report = await driverOn(replayer).writeSettings({ covp: 3.65 });
    expect(report).toMatchObject({ written: ["covp"], saved: true, registers: [{ address: 0x24, from: 3600, to: 3650 }] });
    replayer.assertComplete();
  });
});
