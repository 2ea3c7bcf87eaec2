import { abortError, type BattError, isBattError, toBattError, waitFor, type Clock } from "@batt/core";
import type { ModbusClient } from "@batt/modbus-rtu";
import { IapState } from "../enums.js";
import { ERASE_TIMEOUT_MS } from "../constants.js";
import { packetRegisters, verifyImage, type FirmwareImage } from "./firmware-image.js";
import { UpgradeError, type UpgradeStep } from "./upgrade-error.js";
import { ERASE_BLOCK, MODULE_BLOCK, PACKAGE_NUMBER_ADDRESS, PACKET_BYTES, STATUS_BLOCK, type UpgradeRegisterMap } from "./upgrade-registers.js";

/** Progress of an upgrade, reported after each step and each packet. */
export interface UpgradeProgress {
  /** The step just completed or under way. */
  readonly step: UpgradeStep;
  /** Packets sent so far. */
  readonly packetsSent: number;
  /** Packets in the file. */
  readonly packets: number;
  /** File bytes sent so far. */
  readonly bytesSent: number;
  /** File size. */
  readonly bytes: number;
  /** Last bootloader state read (0x30A7). */
  readonly iapState?: number;
}

/** Options of a firmware upgrade. */
export interface UpgradeOptions {
  /** Module to upgrade, 0x3003 (default 10, EVC). */
  readonly module?: number;
  /** Upgrade timeout written to 0x3004, s (default 30, as the document's example). */
  readonly timeoutSeconds?: number;
  /** IAP protocol word, 0x3002 (default 0, as the examples). */
  readonly iapProtocol?: number;
  /** Machine type, 0x3010 ("not used, fill 0"). */
  readonly machineType?: number;
  /** Number of the first data packet (default 1; the document does not show it). */
  readonly firstPackageNumber?: number;
  /** Reply deadline of the erase step, ms (default 10 000, the document's advice). */
  readonly eraseTimeoutMs?: number;
  /** How long to poll for the result after the last packet, ms (default 120 000). */
  readonly completionTimeoutMs?: number;
  /** Time between polls of the state, ms (default 1000). */
  readonly pollIntervalMs?: number;
  /** Largest accepted file, bytes (default 4 MiB). */
  readonly maxImageBytes?: number;
  /** Told after each step and each packet. */
  readonly onProgress?: (progress: UpgradeProgress) => void;
  /** Cancels the upgrade between requests (the charger's own timeout then ends its bootloader session). */
  readonly signal?: AbortSignal;
}

/** What a completed upgrade reports. */
export interface UpgradeResult {
  /** The file's CRC-16/MODBUS as sent in 0x3011. */
  readonly checksum: number;
  /** Packets sent. */
  readonly packets: number;
  /** File size. */
  readonly bytes: number;
  /** The final state (0x0004, upgrade success). */
  readonly iapState: number;
  /** Block and MCU check results (0x3098, 0x3099). */
  readonly checkResults: { readonly block: number; readonly mcu: number };
}

/** The charger an upgrade talks to. */
export interface UpgradeTarget {
  /** The client (its pacing applies between the packets). */
  readonly client: ModbusClient;
  /** The charger's address. */
  readonly unit: number;
  /** Clock for the polling waits. */
  readonly clock: Clock;
  /** The upgrade registers in the charger's word order. */
  readonly map: UpgradeRegisterMap;
}

/**
 * Uploads firmware through the upgrade register block, following docs/protocols/evcharger.md#upgrade-procedure:
 * the image is verified first (nothing is sent for a bad file); then (1) module and timeout,
 * (2) machine type, file checksum and size — the charger erases its flash before it answers,
 * so this reply gets a long deadline, (3) the file name, (4) the data in 240-byte packets with
 * their package numbers, (5) polling of the state until success or failure. The state is checked
 * after the erase and the file name, so a refused file stops the transfer at once. The packets
 * follow the client's pacing; the document recommends 19200 or 38400 baud for the transfer.
 *
 * @throws UpgradeError with the cause's code and the step, package number and IapState where it stopped.
 */
export async function runUpgrade(target: UpgradeTarget, image: FirmwareImage, options: UpgradeOptions = {}): Promise<UpgradeResult> {
  const { client, unit, map, clock } = target;
  const signal = options.signal;
  const call = signal ? { signal } : {};
  let step: UpgradeStep = "verify-image";
  let packageNumber: number | undefined;
  let iapState: number | undefined;
  const fail = (code: BattError["code"], message: string, cause?: unknown): UpgradeError =>
    new UpgradeError(code, message, { step, ...(packageNumber !== undefined ? { packageNumber } : {}), ...(iapState !== undefined ? { iapState } : {}) }, cause);

  try {
    const file = verifyImage(image, options.maxImageBytes);
    const bytes = file.data.length;
    const progress = (packetsSent: number): void =>
      options.onProgress?.({ step, packetsSent, packets: file.packets, bytesSent: Math.min(bytes, packetsSent * PACKET_BYTES), bytes, ...(iapState !== undefined ? { iapState } : {}) });
    const checkAborted = (): void => {
      if (signal?.aborted) throw abortError(signal);
    };
    const readStatus = async (): Promise<{ iapState: number; block: number; mcu: number }> => {
      const registers = await client.readHoldingRegisters(unit, STATUS_BLOCK.address, STATUS_BLOCK.count, call);
      const status = map.decodePartial(STATUS_BLOCK.address, registers);
      iapState = status.iapState?.value;
      return { iapState: iapState ?? 0, block: status.blockCheckResult ?? 0, mcu: status.mcuDownloadCheckResult ?? 0 };
    };
    // One register (46 03 30 A7 00 01): enough to see a refusal before the transfer starts.
    const refused = async (): Promise<void> => {
      const address = map.fields.iapState.address;
      iapState = map.decodeField("iapState", address, await client.readHoldingRegisters(unit, address, 1, call)).value;
      if (iapState === IapState.Fail) throw fail("device-exception", "the charger reports upgrade failure (file name, module or checksum refused)");
    };

    checkAborted();
    step = "module";
    const moduleWrite = map.encodeBlock(MODULE_BLOCK, {
      iapProtocol: options.iapProtocol ?? 0,
      upgradeModule: options.module ?? 10,
      upgradeTimeout: options.timeoutSeconds ?? 30,
      upgradeKey: 1,
    });
    await client.writeMultipleRegisters(unit, moduleWrite.address, moduleWrite.registers, call);
    progress(0);

    checkAborted();
    step = "erase";
    const eraseWrite = map.encodeBlock(ERASE_BLOCK, {
      machineType: options.machineType ?? 0,
      fileChecksum: file.checksum,
      downloadBlockCount: 1,
      eraseStart: 0,
      eraseLength: bytes,
      blockStart: 0,
      blockLength: bytes,
      currentBlock: 1,
      blockChecksum: 0,
    });
    await client.writeMultipleRegisters(unit, eraseWrite.address, eraseWrite.registers, { ...call, timeoutMs: options.eraseTimeoutMs ?? ERASE_TIMEOUT_MS });
    await refused();
    progress(0);

    checkAborted();
    step = "file-name";
    const name = map.encode("fileName", file.name);
    await client.writeMultipleRegisters(unit, name.address, name.registers, call);
    await refused();
    progress(0);

    step = "transfer";
    const first = options.firstPackageNumber ?? 1;
    for (let i = 0; i < file.packets; i++) {
      checkAborted();
      packageNumber = first + i;
      await client.writeMultipleRegisters(unit, PACKAGE_NUMBER_ADDRESS, [packageNumber & 0xffff, ...packetRegisters(file.data, i)], call);
      progress(i + 1);
    }
    packageNumber = undefined;

    step = "completion";
    const deadline = clock.now() + (options.completionTimeoutMs ?? 120_000);
    for (;;) {
      checkAborted();
      const status = await readStatus();
      if (status.iapState === IapState.Success) {
        progress(file.packets);
        return { checksum: file.checksum, packets: file.packets, bytes, iapState: status.iapState, checkResults: { block: status.block, mcu: status.mcu } };
      }
      if (status.iapState === IapState.Fail) {
        throw fail("device-exception", `the charger rejected the image (block check ${status.block}, MCU check ${status.mcu})`);
      }
      if (clock.now() >= deadline) throw fail("timeout", `no success or failure within ${options.completionTimeoutMs ?? 120_000} ms`);
      await waitFor(clock, options.pollIntervalMs ?? 1000, signal);
    }
  } catch (error) {
    if (error instanceof UpgradeError) throw error;
    const cause = toBattError(error, "frame");
    throw fail(isBattError(cause) ? cause.code : "frame", cause.message, cause);
  }
}
