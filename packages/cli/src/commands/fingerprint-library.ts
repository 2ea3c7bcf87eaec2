import { homedir } from "node:os";
import { posix, win32 } from "node:path";
import { BattError, ErrorCode, isBattError } from "@batt/core";
import { PackLibrary, type PackRecord } from "@batt/fingerprint";
import { JsonFileStore } from "@batt/fingerprint/node";
import { stringValue } from "../args.js";
import type { OptionSpec, OptionValues } from "../command.js";

/** File name of the pack library in the data directory. */
const LIBRARY_FILE = "fingerprints.json";

/**
 * Where the pack library lives when `--library` is not given: `%APPDATA%\batt\fingerprints.json` on
 * Windows; elsewhere `$XDG_DATA_HOME/batt/fingerprints.json` when that variable holds an absolute path,
 * else `~/Library/Application Support/batt/…` on macOS and `~/.local/share/batt/…` on other systems.
 */
export function defaultLibraryPath(env: Readonly<Record<string, string | undefined>> = process.env, platform: string = process.platform, home: string = homedir()): string {
  if (platform === "win32") {
    const appData = env["APPDATA"];
    return win32.join(appData !== undefined && appData !== "" ? appData : win32.join(home, "AppData", "Roaming"), "batt", LIBRARY_FILE);
  }
  const xdg = env["XDG_DATA_HOME"];
  // The XDG spec says to ignore a relative value.
  if (xdg !== undefined && posix.isAbsolute(xdg)) return posix.join(xdg, "batt", LIBRARY_FILE);
  if (platform === "darwin") return posix.join(home, "Library", "Application Support", "batt", LIBRARY_FILE);
  return posix.join(home, ".local", "share", "batt", LIBRARY_FILE);
}

/** `--library FILE`, with the default path of this system shown in `--help`. */
export function libraryOption(): OptionSpec {
  return { name: "library", type: "string", valueName: "FILE", description: "pack library (a JSON file; created on the first enrolment)", defaultText: defaultLibraryPath() };
}

/** The library a command works on, and where it is. */
export interface OpenLibrary {
  /** The library on its JSON file. */
  readonly library: PackLibrary;
  /** Path of the file. */
  readonly path: string;
  /**
   * Every pack in the file. A file that is not a pack library fails with the file's path in the message
   * (`invalid-argument`, exit 2, as any bad input given on the command line).
   */
  packs(): Promise<PackRecord[]>;
}

/** Opens the library `--library` names (or the default one). Nothing is read until it is used. */
export function openLibrary(values: OptionValues): OpenLibrary {
  const path = stringValue(values, "library") ?? defaultLibraryPath();
  const library = new PackLibrary(new JsonFileStore(path));
  return {
    library,
    path,
    async packs() {
      try {
        return await library.list();
      } catch (error) {
        if (isBattError(error)) throw new BattError(error.code, `${path}: ${error.message}`, { cause: error, context: { ...error.context, library: path } });
        throw error;
      }
    },
  };
}

/**
 * Finds a pack by id or name: an exact id first, then an exact name, then a name with case ignored.
 *
 * @throws BattError `not-found` when none (or more than one, by name) fits.
 */
export function findPack(packs: readonly PackRecord[], key: string, path: string): PackRecord {
  const byId = packs.find((p) => p.id === key);
  if (byId) return byId;
  const exact = packs.filter((p) => p.name === key);
  if (exact.length === 1) return exact[0]!;
  const folded = packs.filter((p) => p.name?.toLowerCase() === key.toLowerCase());
  if (folded.length === 1 && exact.length === 0) return folded[0]!;
  const many = exact.length > 1 ? exact : folded;
  if (many.length > 1) {
    throw new BattError(ErrorCode.NotFound, `${many.length} packs are named ${JSON.stringify(key)} in ${path}; use an id: ${many.map((p) => p.id).join(", ")}`, { context: { key, library: path } });
  }
  const known = packs.length === 0 ? "the library is empty" : `known: ${packs.map(packLabel).join(", ")}`;
  throw new BattError(ErrorCode.NotFound, `no pack ${JSON.stringify(key)} in ${path} (${known})`, { context: { key, library: path } });
}

/** A pack as people refer to it: `pack-1 "Tattu 1300 #3"`. */
export function packLabel(pack: { readonly id: string; readonly name?: string }): string {
  return pack.name === undefined ? pack.id : `${pack.id} ${JSON.stringify(pack.name)}`;
}
