import { createMemoryLink, fromHex, toHex, type DeviceSession, type PluginCommand, type PluginOptionValues } from "@batt/core";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";
import { JbdSession } from "../src/cli/session.js";
import { parseCalibrationArgs } from "../src/cli/calibration-args.js";
import { calibrationWrite, describeJbdFrame, JbdBms, encodeWriteRequest, findSetting, parseJbdFrame, parseSettingValue, setPasswordData, u16Data, usePasswordData } from "../src/index.js";
import { JbdSimulator, type JbdSimulatorOptions } from "../src/simulator/index.js";
import { FAST } from "./helpers.js";

const hex = (bytes: Uint8Array): string => toHex(bytes).toUpperCase();

function command(name: string): PluginCommand {
  const found = plugin.commands?.find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

/** Runs a command as the CLI does: its check phase, then the work. */
async function run(name: string, session: DeviceSession, args: string[] = [], options: PluginOptionValues = {}): Promise<unknown> {
  const found = command(name);
  const input = await found.prepare?.(args, options, {});
  return found.run({ session, args, options, input, signal: new AbortController().signal, log: () => undefined });
}

/** A CLI session on a simulator; `sent` collects every request frame as hex. */
async function connected(sim: JbdSimulatorOptions = {}) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const sent: string[] = [];
  device.onData((chunk) => sent.push(toHex(chunk).toUpperCase()));
  const simulator = new JbdSimulator(sim).attach(device);
  const session = new JbdSession(new JbdBms(host, FAST));
  return { session, simulator, sent };
}

describe("calibration from the CLI", () => {
  it("builds the documented idle-current frame and the cell, NTC and gain words", () => {
    const idle = calibrationWrite({ kind: "idleCurrent" });
    // docs/protocols/jbd.md#request-frames: idle-current calibration 0xAD ← 0.
    expect(hex(encodeWriteRequest(idle.register, u16Data(idle.value)))).toBe("DD 5A AD 02 00 00 FF 51 77");
    const cell = calibrationWrite(parseCalibrationArgs(["cell", "2", "3.35"]));
    expect(hex(encodeWriteRequest(cell.register, u16Data(cell.value)))).toBe("DD 5A B1 02 0D 16 FF 2A 77");
    const ntc = calibrationWrite(parseCalibrationArgs(["ntc", "1", "25"]));
    expect(ntc).toEqual({ register: 0xd0, value: 2981 });
    expect(calibrationWrite(parseCalibrationArgs(["current", "charge", "10.5"]))).toEqual({ register: 0xae, value: 1050 });
    expect(calibrationWrite(parseCalibrationArgs(["current", "discharge", "2"]))).toEqual({ register: 0xaf, value: 200 });
    expect(calibrationWrite(parseCalibrationArgs(["capacity", "50"]))).toEqual({ register: 0xe0, value: 5000 });
  });

  it.each([
    [["cell", "33", "3.3"], /cell must be 1..32/],
    [["cell", "1", "six"], /expected a number/],
    [["ntc", "9", "20"], /NTC must be 1..8/],
    [["current", "sideways"], /zero, charge or discharge/],
    [["current", "zero", "1"], /unexpected argument/],
    [["volume", "11"], /expected cell, current, ntc or capacity/],
    [[], /expected cell, current, ntc or capacity/],
  ])("rejects %j before the link opens", async (args, message) => {
    const { session, sent } = await connected();
    await expect(run("calibrate", session, args)).rejects.toMatchObject({ code: "invalid-argument", message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
    expect(command("calibrate").changesDevice).toBe(true);
  });

  it("calibrates a cell inside factory mode, saves, and reports the value read afterwards", async () => {
    const { session, sent } = await connected({ pack: { cells: 4 } });
    const result = (await run("calibrate", session, ["cell", "2", "3.35"])) as { readBack: { reported: number; target: number } };
    expect(sent.slice(0, 3)).toEqual(["DD 5A 00 02 56 78 FF 30 77", "DD 5A B1 02 0D 16 FF 2A 77", "DD 5A 01 02 28 28 FF AD 77"]);
    expect(result.readBack).toMatchObject({ quantity: "cell 2 voltage", target: 3.35, unit: "V" });
    expect(result.readBack.reported).toBeCloseTo(3.35, 3);
  });

  it("scales the current by the charge gain calibration and zeroes it with the idle calibration", async () => {
    const { session, simulator } = await connected({ pack: { cells: 4, current: 10 } });
    const gain = (await run("calibrate", session, ["current", "charge", "10.5"])) as { readBack: { reported: number } };
    expect(gain.readBack.reported).toBeCloseTo(10.5, 2);
    expect(simulator.device.currentGain.charge).toBeCloseTo(1.05, 6);
    simulator.device.pack.current = 0;
    const zero = (await run("calibrate", session, ["current", "zero"])) as { readBack: { reported: number } };
    expect(zero.readBack.reported).toBe(0);
  });

  it("leaves factory mode without saving when the calibration is refused", async () => {
    const { session, sent, simulator } = await connected({ pack: { cells: 4 }, password: "123456", passwordSupported: true });
    await expect(run("calibrate", session, ["ntc", "1", "25"])).rejects.toMatchObject({ code: "device-exception" });
    expect(sent).toEqual(["DD 5A 00 02 56 78 FF 30 77"]);
    expect(simulator.device.factoryMode).toBe(false);
  });
});

describe("PIN from the CLI", () => {
  it("sends the documented set and use frames (raw digits) and verifies the new PIN", async () => {
    expect(hex(encodeWriteRequest(0x07, setPasswordData("765828", "123456")))).toBe("DD 5A 07 0D 0C 07 06 05 08 02 08 01 02 03 04 05 06 FF A7 77");
    expect(hex(encodeWriteRequest(0x06, usePasswordData("765828")))).toBe("DD 5A 06 07 06 07 06 05 08 02 08 FF C9 77");
    const { session, sent, simulator } = await connected({ password: "765828", passwordSupported: true });
    expect(await run("password set", session, ["765828", "123456"])).toEqual({ passwordChanged: true, verified: true });
    expect(sent[0]).toBe("DD 5A 07 0D 0C 07 06 05 08 02 08 01 02 03 04 05 06 FF A7 77");
    expect(simulator.device.password).toBe("123456");
    expect(await run("password use", session, ["000000"]).catch((e: unknown) => e)).toMatchObject({ code: "device-exception" });
    expect(await run("password use", session, ["123456"])).toEqual({ accepted: true });
    expect(await run("password clear", session)).toEqual({ passwordCleared: true });
    expect(simulator.device.password).toBeUndefined();
  });

  it("reports firmware without a PIN, and checks PINs before the link opens", async () => {
    const { session, sent } = await connected({ passwordSupported: false });
    expect(await run("password use", session, ["000000"])).toMatchObject({ accepted: false });
    sent.length = 0;
    await expect(run("password set", session, ["12345", "123456"])).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(run("password set", session, ["123456", "abcdef"])).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(run("password use", session, [])).rejects.toMatchObject({ code: "invalid-argument" });
    expect(sent).toEqual([]);
    expect(command("password set").changesDevice).toBe(true);
  });
});

describe("function-configuration and NTC bits by name", () => {
  it("decodes a 0x2D reply and a 0x2E reply (batt decode) to named bits", () => {
    const funcReply = parseJbdFrame(fromHex("DD 2D 00 02 00 06 FF F8 77"), "response");
    expect(funcReply.kind).toBe("frame");
    if (funcReply.kind !== "frame") return;
    const described = describeJbdFrame(funcReply.frame);
    expect(described.decoded).toEqual({
      func_config: 6,
      bits: {
        func_config: {
          switch: false,
          loadLock: true,
          balanceEnable: true,
          balanceOnlyWhileCharging: false,
          ledEnable: false,
          ledCount: false,
          fccRestriction: false,
          rtc: false,
          chargingHandshake: false,
          gps: false,
          buzzer: false,
          startingBattery: false,
          unitTimes10: false,
          bleRadioPower: false,
        },
      },
    });
    const ntc = parseJbdFrame(fromHex("DD 2E 00 02 00 05 FF F9 77"), "response");
    if (ntc.kind !== "frame") throw new Error("no frame");
    expect(describeJbdFrame(ntc.frame).decoded).toEqual({
      ntc_config: 5,
      bits: { ntc_config: { ntc1: true, ntc2: false, ntc3: true, ntc4: false, ntc5: false, ntc6: false, ntc7: false, ntc8: false } },
    });
  });

  it("accepts the bms-tools bit names (switch, scrl, balance_en, chg_balance_en, led_en, led_num)", () => {
    const def = findSetting("func_config")!;
    expect(parseSettingValue(def, "switch,scrl,balance_en,chg_balance_en,led_en,led_num")).toBe(0x3f);
    expect(parseSettingValue(def, "balance_en|ledEnable")).toBe(0x14);
  });

  it("shows the bits in settings get, one setting and all of them", async () => {
    const { session } = await connected({ pack: { cells: 4 } });
    const one = (await run("settings get", session, ["func_config"])) as { value: number; bits: Record<string, boolean>; text: string };
    expect(one.value).toBe(0x34);
    expect(one.text).toBe("0x0034 (balanceEnable, ledEnable, ledCount)");
    expect(one.bits).toMatchObject({ switch: false, loadLock: false, balanceEnable: true, balanceOnlyWhileCharging: false, ledEnable: true, ledCount: true });
    const all = (await run("settings get", session)) as { bits: Record<string, Record<string, boolean>> };
    expect(Object.keys(all.bits).sort()).toEqual(["func_config", "ntc_config"]);
    expect(all.bits.func_config!.balanceEnable).toBe(true);
    expect(Object.values(all.bits.ntc_config!).filter(Boolean).length).toBeGreaterThan(0);
  });
});
