import { decodeEb90 } from "./eb90-decode.js";
import { eb90DeviceInfoOf, type JkEb90DeviceInfo } from "./eb90-device-info.js";
import type { Eb90Frame } from "./eb90-frame.js";
import { generationOf, type Eb90Generation } from "./eb90-generation.js";
import type { Eb90Values } from "./eb90-layout.js";

/** The three frames a pack sends. */
export type Eb90FrameKind = "deviceInfo" | "settings" | "cellInfo";

/**
 * A pack's `55 AA EB 90` frames, however a driver fetches them (`AA 55 90 EB` commands over
 * Bluetooth or a UART, FC 0x10 triggers on a JK-PB bus): the device info read once and kept, and
 * the frame layout it selects (unless one was given), so every frame is decoded in the right one.
 */
export class Eb90FrameSource {
  /** The device info, once read. */
  info: JkEb90DeviceInfo | undefined;
  private generation: Eb90Generation | undefined;

  constructor(
    private readonly fetch: (kind: Eb90FrameKind, signal?: AbortSignal) => Promise<Eb90Frame>,
    /** The layout to use instead of the device info's. */
    generation?: Eb90Generation,
  ) {
    this.generation = generation;
  }

  /** The layout chosen so far (after {@link Eb90FrameSource.layout} has run). */
  get chosen(): Eb90Generation | undefined {
    return this.generation;
  }

  /** Reads the device info frame (its layout is the same in every generation); the first read chooses the layout. */
  async readDeviceInfo(signal?: AbortSignal): Promise<JkEb90DeviceInfo> {
    this.info = eb90DeviceInfoOf(decodeEb90(await this.fetch("deviceInfo", signal), "jk02-32s").values);
    this.generation ??= generationOf(this.info);
    return this.info;
  }

  /** The device info, read once. */
  async deviceInfo(signal?: AbortSignal): Promise<JkEb90DeviceInfo> {
    return this.info ?? (await this.readDeviceInfo(signal));
  }

  /** The frame layout: the one given, or the one the device info's versions select (read once). */
  async layout(signal?: AbortSignal): Promise<Eb90Generation> {
    if (this.generation === undefined) await this.readDeviceInfo(signal);
    return this.generation!;
  }

  /** Reads a settings or cell info frame, decoded in the pack's layout: SI units by key. */
  async read(kind: "settings" | "cellInfo", signal?: AbortSignal): Promise<{ generation: Eb90Generation; values: Eb90Values }> {
    const generation = await this.layout(signal);
    return { generation, values: decodeEb90(await this.fetch(kind, signal), generation).values };
  }
}
