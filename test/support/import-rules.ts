/**
 * The project's import rules (see DESIGN.md "Folders"), checked on source text so that the architecture test and
 * its self-test share one checker. Pure: callers supply the files.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';

// Loaded through require: an ESM import of this 9 MB CommonJS file costs ~0.9 s here (named-export scan) vs ~0.4 s.
const ts: typeof TS = createRequire(import.meta.url)('typescript');

/** A source file: `path` relative to the project root with `/` separators, e.g. `engine/index.ts`. */
export interface SourceFile {
  path: string;
  text: string;
}

/** One module reference found in a file; `specifier` is undefined when it is computed at run time. */
export interface ImportRef {
  line: number;
  specifier: string | undefined;
}

/** An import that breaks a rule. */
export interface ImportViolation {
  file: string;
  line: number;
  /** The specifier as written, or `<computed>`. */
  specifier: string;
  rule: string;
}

const LAYERS = ['variables', 'engine', 'steps'] as const;
type Layer = (typeof LAYERS)[number];

/** Modules that spawn processes or reach the network: only agent/ may use them. */
const FORBIDDEN_MODULES = new Set(['child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'axios', 'undici', 'systeminformation', 'node-disk-info']);
/** File access: only agent/, plus tests and test-support/ folders (fixtures). */
const FILE_MODULES = new Set(['fs']);

const LAYER_RULES: Record<Layer, { allows: (target: string) => boolean; rule: string }> = {
  variables: { allows: (t) => t.startsWith('variables/'), rule: 'variables/ may import nothing from the project outside variables/' },
  engine: {
    allows: (t) => t.startsWith('engine/') || t.startsWith('variables/'),
    rule: 'engine/ may import only engine/ and variables/',
  },
  steps: {
    allows: (t) => t.startsWith('steps/') || t === 'engine/step-api.ts' || t === 'variables/index.ts',
    rule: 'steps/ may import only steps/, engine/step-api.ts and variables/index.ts',
  },
};

/** Whether the architecture test scans this project-relative path. */
export function isScannedPath(rel: string): boolean {
  const parts = rel.split('/');
  if (parts.includes('node_modules')) return false;
  const base = parts[parts.length - 1];
  return /\.(ts|mts|cts|tsx)$/.test(base) && !base.includes('.generated.');
}

/**
 * Every module reference in a file: `import`/`export ... from` (type-only too), `import('...')`, `import('...')`
 * types, `import x = require(...)` and `require(...)`. Comments and strings are not mistaken for imports.
 */
export function findImports(file: SourceFile): ImportRef[] {
  const kind = file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, kind);
  const found: ImportRef[] = [];
  const add = (at: TS.Node, spec: TS.Node | undefined): void => {
    const line = source.getLineAndCharacterOfPosition(at.getStart(source)).line + 1;
    found.push({ line, specifier: spec && ts.isStringLiteralLike(spec) ? spec.text : undefined });
  };
  const visit = (node: TS.Node): void => {
    const spec = moduleSpecifierOf(node);
    if (spec !== null) add(spec ?? node, spec);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The specifier node of a module reference, undefined when the reference has none usable, null when `node` is none. */
function moduleSpecifierOf(node: TS.Node): TS.Node | undefined | null {
  if (ts.isImportDeclaration(node)) return node.moduleSpecifier;
  if (ts.isExportDeclaration(node)) return node.moduleSpecifier ?? null;
  if (ts.isImportEqualsDeclaration(node)) {
    return ts.isExternalModuleReference(node.moduleReference) ? node.moduleReference.expression : null;
  }
  if (ts.isImportTypeNode(node)) {
    return ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
  }
  if (ts.isCallExpression(node) && isImportOrRequire(node.expression)) return node.arguments[0];
  return null;
}

function isImportOrRequire(callee: TS.Expression): boolean {
  return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
}

/** Every import in `files` that breaks a rule, in file then line order. */
export function checkImportRules(files: readonly SourceFile[]): ImportViolation[] {
  const out: ImportViolation[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    if (!layer || !isScannedPath(file.path)) continue;
    for (const ref of findImports(file)) {
      const rule = brokenRule(file.path, layer, ref.specifier);
      if (rule) out.push({ file: file.path, line: ref.line, specifier: ref.specifier ?? '<computed>', rule });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** `file:line -> import (rule)`. */
export function renderViolation(v: ImportViolation): string {
  return `${v.file}:${v.line} -> ${v.specifier} (${v.rule})`;
}

function layerOf(rel: string): Layer | undefined {
  const top = rel.split('/')[0];
  return (LAYERS as readonly string[]).includes(top) ? (top as Layer) : undefined;
}

function brokenRule(file: string, layer: Layer, specifier: string | undefined): string | undefined {
  if (specifier === undefined) return `${layer}/ may not import a computed module name (it cannot be checked)`;
  if (specifier.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    return LAYER_RULES[layer].allows(target) ? undefined : LAYER_RULES[layer].rule;
  }
  if (specifier.startsWith('/') || /^[A-Za-z]+:[/\\]/.test(specifier)) return `${layer}/ may not import by absolute path`;
  const name = moduleName(specifier);
  if (FORBIDDEN_MODULES.has(name)) return `${layer}/ may not spawn processes or reach the network (only agent/ may)`;
  if (FILE_MODULES.has(name) && !isTestFile(file)) return `${layer}/ may not touch files (only agent/, tests and test-support/ may)`;
  return undefined;
}

/** `node:fs/promises` -> `fs`, `@scope/pkg/sub` -> `@scope/pkg`, `axios/lib` -> `axios`. */
export function moduleName(specifier: string): string {
  const bare = specifier.replace(/^node:/, '');
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Tests and test-support/ folders (fixtures and fakes), which may reach further than the code they test. */
export function isTestFile(rel: string): boolean {
  return /\.test\.[cm]?tsx?$/.test(rel) || rel.split('/').includes('test-support');
}

/** The media builder: only `taskseq media build` may load it, so that a run can never write or re-seal a media. */
export const MEDIA_BUILDER = /^agent\/media-builder\/[^/]+\.ts$/;
const BUILDER_USERS = /^(agent\/media-builder\/[^/]+\.ts|agent\/cli\/media-command\.ts)$/;

/** Relative imports of `file`, resolved to project paths (`agent/media/open-media.ts`). */
export function projectImports(file: SourceFile): Array<{ line: number; target: string }> {
  return findImports(file)
    .filter((r): r is ImportRef & { specifier: string } => r.specifier?.startsWith('.') === true)
    .map((r) => ({ line: r.line, target: path.posix.normalize(path.posix.join(path.posix.dirname(file.path), r.specifier)) }));
}

/** Imports of the media builder from anywhere but the builder itself, `agent/cli/media-command.ts` and tests. */
export function checkBuilderImports(files: readonly SourceFile[]): ImportViolation[] {
  const rule = 'agent/media-builder/ may be imported only by agent/cli/media-command.ts and the builder itself';
  return files.filter((f) => isScannedPath(f.path) && !BUILDER_USERS.test(f.path) && !isTestFile(f.path))
    .flatMap((f) => projectImports(f).filter((i) => MEDIA_BUILDER.test(i.target)).map((i) => ({ file: f.path, line: i.line, specifier: i.target, rule })));
}

/** Every project file `entry` loads, directly or through other files (static and dynamic relative imports). */
export function reachableFrom(files: readonly SourceFile[], entry: string): Set<string> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const visit = (p: string): void => {
    if (seen.has(p)) return;
    seen.add(p);
    const f = byPath.get(p);
    if (f) for (const i of projectImports(f)) visit(i.target);
  };
  visit(entry);
  return seen;
}

/** Backends and renderers: they turn plans into effects and must not depend on the steps that make the plans. */
export const PLAN_CONSUMERS = /^agent\/(backends|renderers)\//;

/**
 * Imports of `steps/` from `agent/backends/**` or `agent/renderers/**`; what they share with steps lives in engine/
 * (e.g. engine/disks). Tests are exempt: the renderers' golden tests render layouts the Partition Disk step plans.
 */
export function checkPlanConsumerImports(files: readonly SourceFile[]): ImportViolation[] {
  const rule = 'agent/backends/ and agent/renderers/ may not import steps/ (shared facts belong in engine/)';
  return files.filter((f) => isScannedPath(f.path) && PLAN_CONSUMERS.test(f.path) && !isTestFile(f.path))
    .flatMap((f) => projectImports(f).filter((i) => i.target.startsWith('steps/')).map((i) => ({ file: f.path, line: i.line, specifier: i.target, rule })));
}
