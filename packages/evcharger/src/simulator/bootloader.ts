import { crc16Modbus } from "@batt/core";
import { ModbusException, ModbusExceptionError, type RegisterTable } from "@batt/modbus-rtu";
import { IapState } from "../enums.js";
import { ERASE_BLOCK, MODULE_BLOCK, PACKAGE_NUMBER_ADDRESS, PACKET_BYTES, UPGRADE_DATA_REGISTERS, type UpgradeRegisterMap } from "../upgrade/upgrade-registers.js";

/** Options for {@link Bootloader}. */
export interface BootloaderOptions {
  /** Module this charger upgrades (default 10, EVC). */
  readonly module?: number;
  /** Which file names the charger takes (default: names containing "EVC"). */
  readonly acceptFileName?: (name: string) => boolean;
  /** Number of the first data packet (default 1). */
  readonly firstPackageNumber?: number;
  /** Largest file the flash holds, bytes (default 4 MiB). */
  readonly flashBytes?: number;
}

/** A firmware image the bootloader accepted. */
export interface InstalledImage {
  /** File name. */
  readonly name: string;
  /** The bytes. */
  readonly data: Uint8Array;
}

/**
 * The charger's side of the upgrade procedure on the upgrade register block: module selection,
 * erase (counted), file name check, packets into a flash buffer, and the file check with
 * CRC-16/MODBUS when the last byte has arrived. Results and state go to 0x3098–0x30A9.
 */
export class Bootloader {
  /** Flash erases so far. */
  eraseCount = 0;
  /** The last image accepted. */
  installed: InstalledImage | undefined;
  /** Why the last upgrade failed, for tests and logs. */
  failReason: string | undefined;
  /** Flip a byte of the next packet stored (a flash write error): the file check then fails. */
  corruptNextPacket = false;
  private buffer = new Uint8Array(0);
  private readonly received = new Set<number>();
  private module = 0;
  private fileName = "";
  private readonly options: Required<BootloaderOptions>;

  constructor(
    private readonly registers: RegisterTable,
    private readonly map: UpgradeRegisterMap,
    options: BootloaderOptions = {},
  ) {
    this.options = {
      module: options.module ?? 10,
      acceptFileName: options.acceptFileName ?? ((name) => /EVC/i.test(name)),
      firstPackageNumber: options.firstPackageNumber ?? 1,
      flashBytes: options.flashBytes ?? 4 * 1024 * 1024,
    };
    this.setState(IapState.AppRunning);
  }

  /** The bootloader state (0x30A7). */
  get state(): number {
    return this.registers.get(this.map.fields.iapState.address);
  }

  /** Whether an upgrade is under way (the charger shows state Update). */
  get active(): boolean {
    const s = this.state;
    return s === IapState.BootloaderRunning || s === IapState.Erasing || s === IapState.ProgramDownload;
  }

  /** Whether a write at `address` belongs to the upgrade block. */
  static owns(address: number): boolean {
    return address >= 0x3000 && address <= 0x30c2;
  }

  /**
   * Reacts to a client's write into the block (already stored in the table).
   *
   * @throws ModbusExceptionError 04 for packets outside a download, 03 for a package number outside the file.
   */
  onWrite(address: number, count: number): void {
    const touches = (a: number): boolean => a >= address && a < address + count;
    if (touches(MODULE_BLOCK.address + 1)) {
      this.module = this.registers.get(MODULE_BLOCK.address + 1);
      this.failReason = undefined;
      this.setState(IapState.BootloaderRunning);
    }
    if (address === ERASE_BLOCK.address && count === ERASE_BLOCK.count) this.erase();
    if (touches(this.map.fields.fileName.address)) this.checkFileName();
    if (address === PACKAGE_NUMBER_ADDRESS && count === 1 + UPGRADE_DATA_REGISTERS) this.packet();
  }

  private erase(): void {
    const values = this.map.decodePartial(ERASE_BLOCK.address, this.registers.read(ERASE_BLOCK.address, ERASE_BLOCK.count));
    const length = values.blockLength ?? 0;
    this.eraseCount++;
    this.received.clear();
    if (length <= 0 || length > this.options.flashBytes) return this.fail(`block length ${length} does not fit the flash`);
    this.buffer = new Uint8Array(length);
    this.setState(IapState.ProgramDownload);
  }

  private checkFileName(): void {
    const field = this.map.fields.fileName;
    this.fileName = this.map.decodeField("fileName", field.address, this.registers.read(field.address, field.length));
    if (this.module !== this.options.module) return this.fail(`module ${this.module} is not this charger's (${this.options.module})`);
    if (!this.options.acceptFileName(this.fileName)) return this.fail(`file ${JSON.stringify(this.fileName)} is not firmware for this charger`);
  }

  private packet(): void {
    if (this.state !== IapState.ProgramDownload) throw new ModbusExceptionError(ModbusException.ServerDeviceFailure, "no download in progress");
    const number = this.registers.get(PACKAGE_NUMBER_ADDRESS);
    const index = number - this.options.firstPackageNumber;
    const start = index * PACKET_BYTES;
    if (index < 0 || start >= this.buffer.length) throw new ModbusExceptionError(ModbusException.IllegalDataValue, `package ${number} is outside the file`);
    const words = this.registers.read(PACKAGE_NUMBER_ADDRESS + 1, UPGRADE_DATA_REGISTERS);
    for (let i = 0; i < PACKET_BYTES && start + i < this.buffer.length; i++) {
      const word = words[i >> 1]!;
      this.buffer[start + i] = i % 2 === 0 ? word >> 8 : word & 0xff;
    }
    if (this.corruptNextPacket) {
      this.buffer[start] = this.buffer[start]! ^ 0x01;
      this.corruptNextPacket = false;
    }
    this.received.add(index);
    this.put("downloadedPackages", this.received.size);
    if (this.received.size * PACKET_BYTES >= this.buffer.length) this.finish();
  }

  private finish(): void {
    const values = this.map.decodePartial(ERASE_BLOCK.address, this.registers.read(ERASE_BLOCK.address, ERASE_BLOCK.count));
    const crc = crc16Modbus(this.buffer, 0, this.buffer.length);
    const ok = crc === values.fileChecksum;
    this.put("blockCheckResult", ok ? 1 : 2);
    this.put("mcuDownloadCheckResult", ok ? 1 : 2);
    this.put("downloadedBlocks", 1);
    if (!ok) return this.fail(`file CRC 0x${crc.toString(16)} does not match the checksum 0x${(values.fileChecksum ?? 0).toString(16)}`);
    this.installed = { name: this.fileName, data: this.buffer.slice() };
    this.setState(IapState.Success);
  }

  private fail(reason: string): void {
    this.failReason = reason;
    this.setState(IapState.Fail);
  }

  private setState(state: number): void {
    this.put("iapState", state);
  }

  private put(name: "iapState" | "blockCheckResult" | "mcuDownloadCheckResult" | "downloadedBlocks" | "downloadedPackages", value: number): void {
    const write = this.map.encode(name, value);
    this.registers.write(write.address, write.registers);
  }
}
