/** Bytes of some built files, raw and gzipped (level 9). */
export interface Weight {
  readonly bytes: number;
  readonly gzip: number;
}

/** A part of the dashboard loaded on first use. */
export interface LazyPart {
  /** The module imported dynamically (`packages/jbd/src/cli/index.ts`, `src/charts/charts-panel.ts`). */
  readonly module: string;
  /** Its chunk. */
  readonly file: string;
  /** Its own chunk and styles. */
  readonly own: Weight;
  /** With the shared chunks it needs that the main chunk does not bring. */
  readonly withShared: Weight;
}

/** What a build weighs: the main entry and the lazily loaded parts. */
export interface BundleReport {
  readonly main: { readonly file: string; readonly sources: readonly string[]; readonly script: Weight; readonly css: Weight };
  readonly lazy: readonly LazyPart[];
}

/** The report of the build in `outDir` (built with `build.manifest: true`). */
export function bundleReport(outDir: string): BundleReport;

/** `12.3 kB`. */
export function kilobytes(bytes: number): string;
