// TypeDoc plugin for the @batt workspace (loaded from typedoc.json).
//
// 1. Entry points. In `packages` mode TypeDoc infers each package's entry points from the `types`
//    condition of its exports map, which points at built declarations in dist/. Every @batt package
//    maps each public subpath to its source under the `@batt/source` condition; this reader uses that,
//    so no build is needed and a module is documented exactly when its subpath is exported. A package
//    can still set `entryPoints` in its own typedoc.json. Each entry module is named by its import
//    specifier (`@batt/core`, `@batt/core/testing`) rather than by its file name.
// 2. Documentation check (`requireExportDocs`). TypeDoc's `notDocumented` validation also demands a
//    comment on each member of an anonymous object type (`{ kind: "frame"; frame: T }` in a union),
//    which would mean commenting every discriminant. This check requires a TSDoc comment on every
//    exported declaration and every member of an exported class, interface or enum, and exempts the
//    members of inline object types.
// 3. Package pages. A package with several entry points becomes a module holding one module per entry
//    point, so its main entry would appear as "@batt/jbd / @batt/jbd". The main entry's exports are
//    merged into the package itself instead; subpaths stay modules (`@batt/jbd/simulator`). Each
//    package page shows the package's own README.md (TypeDoc finds it next to its package.json), without
//    its first heading, which is the page title already.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Application, Converter, DeclarationReflection, ParameterType, ReflectionKind } from "typedoc";

const SOURCE_CONDITION = "@batt/source";

/**
 * The source files behind the exports map's `@batt/source` condition, in exports order, each with
 * the specifier that imports it.
 * @param {string} packageDir
 * @returns {{ file: string, specifier: string }[]}
 */
export function sourceEntryPoints(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const exportsMap = manifest.exports;
  if (exportsMap === null || typeof exportsMap !== "object" || Array.isArray(exportsMap)) return [];
  /** @type {{ file: string, specifier: string }[]} */
  const entries = [];
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (target !== null && typeof target === "object" && typeof target[SOURCE_CONDITION] === "string") {
      entries.push({
        file: resolve(packageDir, target[SOURCE_CONDITION]),
        specifier: subpath === "." ? manifest.name : `${manifest.name}${subpath.slice(1)}`,
      });
    }
  }
  return entries;
}

const REQUIRED_KINDS =
  ReflectionKind.Enum |
  ReflectionKind.EnumMember |
  ReflectionKind.Variable |
  ReflectionKind.Function |
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.Property |
  ReflectionKind.Method |
  ReflectionKind.Accessor |
  ReflectionKind.TypeAlias;

/**
 * True when the reflection sits inside a parameter or an anonymous object type.
 * @param {import("typedoc").Reflection} reflection
 */
function isInlineMember(reflection) {
  for (let r = reflection.parent; r; r = r.parent) {
    if (r.kindOf(ReflectionKind.Parameter | ReflectionKind.TypeLiteral)) return true;
  }
  return false;
}

/**
 * True when the declaration or one of its signatures carries a comment.
 * @param {DeclarationReflection} reflection
 */
function isDocumented(reflection) {
  if (reflection.hasComment()) return true;
  const signatures = [...(reflection.signatures ?? []), reflection.getSignature, reflection.setSignature];
  return signatures.some((signature) => signature?.hasComment() === true);
}

/** @param {Application} app */
export function load(app) {
  /** Entry source file -> import specifier, for every package read so far. */
  const specifiers = new Map();

  app.options.addDeclaration({
    name: "requireExportDocs",
    help: "Warn for exported declarations and class/interface/enum members without a TSDoc comment.",
    type: ParameterType.Boolean,
    defaultValue: false,
  });

  app.options.addReader({
    name: "batt-source-entry-points",
    // After typedoc.json (100) and package.json (150), before tsconfig.json (200).
    order: 160,
    supportsPackages: true,
    read(options, logger, cwd) {
      // Only the per-package pass (the root sets entryPoints to the package directories).
      if (options.packageDir === undefined || options.isSet("entryPoints")) return;
      const entries = sourceEntryPoints(cwd);
      if (entries.length === 0) {
        logger.warn(`No "${SOURCE_CONDITION}" entry points in ${join(cwd, "package.json")}`);
        return;
      }
      for (const { file, specifier } of entries) specifiers.set(file, specifier);
      options.setValue(
        "entryPoints",
        entries.map((entry) => entry.file),
        cwd,
      );
    },
  });

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
    const specifier = file === undefined ? undefined : specifiers.get(resolve(file));
    if (specifier !== undefined) reflection.name = specifier;
  });

  // Before TypeDoc's own module merging (priority 10000) and link resolution.
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      const project = context.project;
      const modules = (project.children ?? []).filter((child) => child.kindOf(ReflectionKind.Module));
      // The package name is not set yet at this priority: the main entry is the module every other one is a subpath of.
      const main = modules.find((module) => modules.every((other) => other === module || other.name.startsWith(`${module.name}/`)));
      if (main !== undefined && modules.length > 1) project.mergeReflections(main, project);
    },
    20000,
  );

  // After TypeDoc has read the package README (priority 0): its "# @batt/x" heading would repeat the page title.
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      const first = context.project.readme?.[0];
      if (first?.kind === "text") first.text = first.text.replace(/^# \S+\s*\n+/, "");
    },
    -100,
  );

  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    // `app.options` holds the options of the package being converted while it is validated.
    if (!app.options.getValue("requireExportDocs")) return;
    for (const reflection of project.getReflectionsByKind(REQUIRED_KINDS)) {
      if (!(reflection instanceof DeclarationReflection) || isInlineMember(reflection)) continue;
      // Members inherited from outside the package (e.g. `Error.message`) are documented elsewhere.
      const symbolId = project.getSymbolIdFromReflection(reflection);
      if (symbolId === undefined || symbolId.packageName !== project.packageName) continue;
      if (isDocumented(reflection)) continue;
      app.logger.warn(
        `${reflection.getFriendlyFullName()} (${ReflectionKind.singularString(reflection.kind)}) has no TSDoc comment (${symbolId.packageName}/${symbolId.packagePath})`,
      );
    }
  });
}
