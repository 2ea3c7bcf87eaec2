import type { DeviceReading } from "@batt/core";

/**
 * Every reading of one device since the view opened, kept compactly for the charts and CSV export.
 * (Skeleton: the charts work fills this in.)
 */
export class History {
  private readonly readings: DeviceReading<unknown>[] = [];

  /** Records a reading. */
  push(reading: DeviceReading<unknown>): void {
    this.readings.push(reading);
  }

  /** How many readings are kept. */
  get length(): number {
    return this.readings.length;
  }
}
