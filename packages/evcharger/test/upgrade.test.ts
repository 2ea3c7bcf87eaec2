import { crc16Modbus, fromHex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { packetRegisters, UpgradeError, type UpgradeProgress } from "../src/index.js";
import { failure, rig, rtu, scripted, words } from "./support.js";

/** A generated firmware image: deterministic pseudo-random bytes. */
function image(size: number, seed = 7): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const NAME = "EVC_ARM_V1.25_20240301.usb";

describe("firmware upgrade against the simulator", () => {
  it("uploads a generated image: verified, erased once, transferred, accepted, installed", async () => {
    const { charger, sim, sent } = await rig();
    const data = image(1000); // 5 packets, the last one padded
    const progress: UpgradeProgress[] = [];
    const result = await charger.upgradeFirmware({ name: NAME, data, expectedChecksum: crc16Modbus(data, 0, data.length) }, { onProgress: (p) => progress.push(p), pollIntervalMs: 1 });
    expect(result).toEqual({ checksum: crc16Modbus(data, 0, data.length), packets: 5, bytes: 1000, iapState: 4, checkResults: { block: 1, mcu: 1 } });
    expect(sim.bootloader.eraseCount).toBe(1);
    expect(sim.bootloader.installed).toEqual({ name: NAME, data });
    expect(sent[0]).toBe("46 10 30 02 00 05 0a 00 00 00 0a 00 1e 00 00 00 01 72 09"); // module 10, timeout 30 s (docs/protocols/evcharger.md#upgrade-procedure)
    expect(progress.map((p) => [p.step, p.packetsSent])).toEqual([
      ["module", 0],
      ["erase", 0],
      ["file-name", 0],
      ["transfer", 1],
      ["transfer", 2],
      ["transfer", 3],
      ["transfer", 4],
      ["transfer", 5],
      ["completion", 5],
    ]);
    expect(progress.at(-1)).toMatchObject({ bytesSent: 1000, bytes: 1000, iapState: 4 });
    expect((await charger.readStatus()).firmwareVersion).toBe(1.25);
  });

  it("refuses a corrupt image before anything is sent: nothing is erased", async () => {
    const { charger, sim } = await rig();
    const data = image(700);
    const expectedChecksum = crc16Modbus(data, 0, data.length);
    data[123] = data[123]! ^ 0x10; // damaged in transit to the user
    const error = await failure(charger.upgradeFirmware({ name: NAME, data, expectedChecksum }));
    expect(error).toBeInstanceOf(UpgradeError);
    expect(error).toMatchObject({ code: "checksum", stop: { step: "verify-image" } });
    expect(sim.counters!.requests).toBe(0);
    expect(sim.bootloader.eraseCount).toBe(0);
    for (const bad of [{ name: NAME, data: new Uint8Array(0) }, { name: "", data }, { name: "x".repeat(51), data }, { name: "ümlaut.usb", data }, { name: NAME, data, expectedSize: 1 }]) {
      expect(await failure(charger.upgradeFirmware(bad))).toMatchObject({ code: "invalid-argument", stop: { step: "verify-image" } });
    }
    expect(sim.counters!.requests).toBe(0);
  });

  it("stops at the file name when the charger refuses the file, before any data is sent", async () => {
    const { charger, sim } = await rig();
    const error = await failure(charger.upgradeFirmware({ name: "618.00360.00_HYB_1P_DSP_V1.22_20211216.usb", data: image(600) }));
    expect(error).toMatchObject({ code: "device-exception", stop: { step: "file-name", iapState: 5 } });
    expect(error.message).toMatch(/file-name, IapState 0x0005/);
    expect(sim.bootloader.failReason).toMatch(/not firmware for this charger/);
    expect(sim.writes.some((w) => w.address === 0x301f)).toBe(false);
  });

  it("stops when the charger's file check fails, reporting where", async () => {
    const { charger, sim } = await rig();
    sim.bootloader.corruptNextPacket = true;
    const error = await failure(charger.upgradeFirmware({ name: NAME, data: image(500) }, { pollIntervalMs: 1 }));
    expect(error).toMatchObject({ code: "device-exception", stop: { step: "completion", iapState: 5 } });
    expect(sim.bootloader.installed).toBeUndefined();
  });

  it("can be cancelled between packets", async () => {
    const { charger, sim } = await rig();
    const abort = new AbortController();
    const error = await failure(
      charger.upgradeFirmware({ name: NAME, data: image(2000) }, { signal: abort.signal, onProgress: (p) => p.packetsSent === 3 && abort.abort() }),
    );
    expect(error).toMatchObject({ code: "aborted", stop: { step: "transfer", packageNumber: 3 } });
    expect(sim.writes.filter((w) => w.address === 0x301f)).toHaveLength(3);
  });

  it("reports a timeout with the package number", async () => {
    const { charger, sim } = await rig();
    let packets = 0;
    const error = await failure(
      charger.upgradeFirmware({ name: NAME, data: image(1500) }, { onProgress: (p) => p.step === "transfer" && ++packets === 2 && sim.inject({ kind: "silence" }) }),
    );
    expect(error).toMatchObject({ code: "timeout", stop: { step: "transfer", packageNumber: 3 } });
  });
});

describe("upgrade frames byte for byte (docs/protocols/evcharger.md#upgrade-procedure, corrected)", () => {
  const SEED_FILE = "618.00360.00_HYB_1P_DSP_V1.22_20211216.usb";
  const nameHex = [...SEED_FILE].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join(" ") + " 00".repeat(8);

  it("sends steps 1–3 as the document does for a 569 960-byte DSP file at address 1, then packet 1", async () => {
    const data = image(569_960);
    const crc = crc16Modbus(data, 0, data.length);
    const step2 = rtu(`01 10 30 10 00 0F 1E ${words([0, crc, 0, 1, 0, 0, 0xb268, 0x0008, 0, 0, 0xb268, 0x0008, 1, 0, 0])}`);
    const packet1 = rtu(`01 10 30 1F 00 79 F2 ${words([1, ...packetRegisters(data, 0)])}`);
    const { charger, sent } = await scripted(
      {
        "01 10 30 02 00 05 0A 00 00 00 02 00 1E 00 00 00 01 78 2C": "01 10 30 02 00 05 AE CA",
        [step2]: "01 10 30 10 00 0F 8E C8",
        [rtu("01 03 30 A7 00 01")]: rtu("01 03 02 00 03"),
        [`01 10 30 AA 00 19 32 ${nameHex} E9 D1`]: "01 10 30 AA 00 19 2E E3",
        [packet1]: "01 10 30 1F 00 79 3F 2D",
      },
      { address: 1 },
    );
    const error = await failure(charger.upgradeFirmware({ name: SEED_FILE, data }, { module: 2 }));
    // Packet 2 is not scripted: the transfer stops there, with a timeout.
    expect(error).toMatchObject({ code: "timeout", stop: { step: "transfer", packageNumber: 2, iapState: 3 } });
    expect(sent.slice(0, 6)).toEqual([
      "01 10 30 02 00 05 0a 00 00 00 02 00 1e 00 00 00 01 78 2c",
      step2.toLowerCase(),
      rtu("01 03 30 A7 00 01").toLowerCase(),
      `01 10 30 aa 00 19 32 ${nameHex.toLowerCase()} e9 d1`,
      rtu("01 03 30 A7 00 01").toLowerCase(),
      packet1.toLowerCase(),
    ]);
    // The seed shows only the tail of step 2: 0x3019 = 0, BlockLength = B268 0008 (low word first), block 1, checksum 0.
    expect(toHex(fromHex(step2).subarray(-14, -2))).toBe("00 00 b2 68 00 08 00 01 00 00 00 00");
  });
});
