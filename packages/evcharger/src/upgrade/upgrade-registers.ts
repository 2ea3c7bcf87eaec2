import { defineRegisterMap, type WordOrder } from "@batt/modbus-rtu";
import { IAP_STATE, UPGRADE_MODULE } from "../enums.js";

/** First register of the upgrade data packet write: the package number, then 120 data registers. */
export const PACKAGE_NUMBER_ADDRESS = 0x301f;
/** First data register of a packet. */
export const UPGRADE_DATA_ADDRESS = 0x3020;
/** Data registers per packet (0x3020–0x3097). */
export const UPGRADE_DATA_REGISTERS = 120;
/** Data bytes per packet. */
export const PACKET_BYTES = 2 * UPGRADE_DATA_REGISTERS;
/** First register of the module/timeout write (step 1). */
export const MODULE_BLOCK = { address: 0x3002, count: 5 } as const;
/** The machine type / checksum / size block (step 2, the write that erases the flash). */
export const ERASE_BLOCK = { address: 0x3010, count: 15 } as const;
/** The result and state registers polled for progress and completion (0x3098–0x30A9). */
export const STATUS_BLOCK = { address: 0x3098, count: 18 } as const;

/**
 * The firmware-upgrade register block (holding 0x3000–0x30C2, document V2.2; docs/protocols/evcharger.md#upgrade-registers) with
 * 32-bit values in the given word order (low word first in the document's example).
 */
export function upgradeRegisterMap(order: WordOrder) {
  return defineRegisterMap({
    bootloaderVersion: { address: 0x3000, type: "u32", wordOrder: order, description: "Bootloader version" },
    iapProtocol: { address: 0x3002, type: "flags", bits: { 0: "dataTransfer", 1: "highPower" }, description: "IAP protocol" },
    upgradeModule: { address: 0x3003, type: "enum", values: UPGRADE_MODULE, description: "Module to upgrade" },
    upgradeTimeout: { address: 0x3004, type: "u16", unit: "s", description: "Upgrade timeout" },
    upgradeKey: { address: 0x3005, type: "u32", wordOrder: "high-first", description: "Upgrade key (the examples write 0000 0001)" },
    upgradeSeed: { address: 0x3007, type: "u32", wordOrder: order, description: "Upgrade seed" },
    machineType: { address: 0x3010, type: "u16", description: "Machine type (not used, 0)" },
    fileChecksum: { address: 0x3011, type: "u32", wordOrder: order, description: "CRC-16/MODBUS of the whole file" },
    downloadBlockCount: { address: 0x3013, type: "u16", description: "Blocks to download (data-transfer mode: 1)" },
    eraseStart: { address: 0x3014, type: "u32", wordOrder: order, description: "Erase start address" },
    eraseLength: { address: 0x3016, type: "u32", wordOrder: order, description: "Erase length" },
    blockStart: { address: 0x3018, type: "u32", wordOrder: order, description: "Block start address" },
    blockLength: { address: 0x301a, type: "u32", wordOrder: order, unit: "B", description: "Block length (the file size)" },
    currentBlock: { address: 0x301c, type: "u16", description: "Current block number (data-transfer mode: 1)" },
    blockChecksum: { address: 0x301d, type: "u32", wordOrder: order, description: "Block checksum (0 in the examples)" },
    packageNumber: { address: 0x301f, type: "u16", description: "Number of the data packet" },
    blockCheckResult: { address: 0x3098, type: "u16", description: "Block check result" },
    mcuDownloadCheckResult: { address: 0x3099, type: "u16", description: "MCU download check result" },
    toBeDownloadedMcuInfo: { address: 0x30a4, type: "u16", description: "MCU to be downloaded" },
    downloadedMcuInfo: { address: 0x30a5, type: "u16", description: "MCU downloaded" },
    upgradeMcuInfo: { address: 0x30a6, type: "u16", description: "MCU being upgraded" },
    iapState: { address: 0x30a7, type: "enum", values: IAP_STATE, description: "Bootloader (IAP) state" },
    downloadedBlocks: { address: 0x30a8, type: "u16", description: "Blocks downloaded" },
    downloadedPackages: { address: 0x30a9, type: "u16", description: "Packages downloaded" },
    fileName: { address: 0x30aa, type: "string", length: 25, description: "File name, 50 bytes ASCII, zero padded" },
  });
}

/** The upgrade map type. */
export type UpgradeRegisterMap = ReturnType<typeof upgradeRegisterMap>;
