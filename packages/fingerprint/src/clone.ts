import type { PackRecord } from "./pack-record.js";

/** A deep copy of a record (records are JSON-ready, so a JSON round trip is exact). */
export function cloneRecord(record: PackRecord): PackRecord {
  return JSON.parse(JSON.stringify(record)) as PackRecord;
}
