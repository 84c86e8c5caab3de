/**
 * The folder rules inside the layers (docs/architecture.md, "Folders and rules"): agent/ folders import only
 * inward, a step imports no other step, and only the backends (and the listed tools) start processes. Checked on
 * source text like the layer rules; pure, callers supply the files.
 *
 * Tests and test-support/ folders are not bound by these rules: a renderer's golden test may plan with the step
 * that feeds it, a CLI test may start the CLI. The layer rules and the cycle check still cover them.
 */
import {
  findImports, isScannedPath, isTestFile, moduleName, projectImports, type ImportViolation, type SourceFile,
} from './import-rules.ts';

/** What the files under `folder` may import from the project; their own folder is always allowed. */
interface FolderRule {
  folder: string;
  /** Project folders the files may not import. */
  forbids?: readonly string[];
  /** When set, the only project folders (besides their own) the files may import. */
  onlyFrom?: readonly string[];
  rule: string;
}

export const FOLDER_RULES: readonly FolderRule[] = [
  { folder: 'agent/formats/', onlyFrom: ['engine/', 'variables/'], rule: 'agent/formats/ may import only agent/formats/, engine/ and variables/' },
  { folder: 'agent/renderers/', onlyFrom: ['agent/formats/', 'engine/'], rule: 'agent/renderers/ may import only agent/renderers/, agent/formats/ and engine/' },
  {
    folder: 'agent/backends/', forbids: ['agent/runner/', 'agent/cli/', 'agent/load/', 'agent/media-builder/'],
    rule: 'agent/backends/ may not import agent/runner/, agent/cli/, agent/load/ or agent/media-builder/',
  },
  // The live backends share agent/backends/live/; neither reaches into the other, and what they share knows neither.
  { folder: 'agent/backends/linux/', forbids: ['agent/backends/winpe/'], rule: 'agent/backends/linux/ may not import agent/backends/winpe/ (shared code lives in agent/backends/live/)' },
  { folder: 'agent/backends/winpe/', forbids: ['agent/backends/linux/'], rule: 'agent/backends/winpe/ may not import agent/backends/linux/ (shared code lives in agent/backends/live/)' },
  {
    folder: 'agent/backends/live/', forbids: ['agent/backends/linux/', 'agent/backends/winpe/'],
    rule: 'agent/backends/live/ may not import agent/backends/linux/ or agent/backends/winpe/',
  },
  { folder: 'agent/load/', forbids: ['agent/runner/', 'agent/cli/'], rule: 'agent/load/ may not import agent/runner/ or agent/cli/' },
  { folder: 'agent/media-builder/', forbids: ['agent/runner/', 'agent/cli/'], rule: 'agent/media-builder/ may not import agent/runner/ or agent/cli/' },
  { folder: 'agent/runner/', forbids: ['agent/cli/'], rule: 'agent/runner/ may not import agent/cli/' },
];

const STEP_RULE = 'a step may import only its own folder, steps/shared/ and steps/test-support/';
const SHARED_RULE = 'steps/shared/ may import no step';
const PROCESS_RULE = 'only agent/backends/ and the listed tools may start processes (node:child_process)';

/** agent/ files outside agent/backends/ that start processes, and why they may. */
export const PROCESS_EXCEPTIONS: Readonly<Record<string, string>> = {
  'agent/doctor/check-tools.ts': 'the doctor runs each external tool to find it and read its version',
  'agent/doctor/install-packages.ts': 'the doctor installs missing tools with the package manager',
  'agent/build/': 'the build scripts (the demo image is made with wimlib-imagex)',
};

/**
 * Imports that break a folder rule today and are left to the work that owns them, as `file -> target`. The
 * architecture test fails when one of them is gone, so the list only shrinks (`known-offences.ts`). Empty now: a
 * new violation is fixed, not listed.
 */
export const KNOWN_FOLDER_EXCEPTIONS: readonly string[] = [];

/** `file -> target` of a violation, as `KNOWN_FOLDER_EXCEPTIONS` names them. */
export function exceptionKey(v: ImportViolation): string {
  return `${v.file} -> ${v.specifier}`;
}

/** Every project import that breaks a folder or step rule, in file then line order (resolved target as specifier). */
export function checkFolderRules(files: readonly SourceFile[]): ImportViolation[] {
  const out: ImportViolation[] = [];
  for (const file of files) {
    if (!isScannedPath(file.path) || isTestFile(file.path)) continue;
    for (const { line, target } of projectImports(file)) {
      const rule = folderRuleBroken(file.path, target) ?? stepRuleBroken(file.path, target);
      if (rule) out.push({ file: file.path, line, specifier: target, rule });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function folderRuleBroken(file: string, target: string): string | undefined {
  for (const r of FOLDER_RULES) {
    if (!file.startsWith(r.folder) || target.startsWith(r.folder)) continue;
    if (r.forbids?.some((f) => target.startsWith(f))) return r.rule;
    if (r.onlyFrom && !r.onlyFrom.some((f) => target.startsWith(f))) return r.rule;
  }
  return undefined;
}

/** The step folder of a path (`steps/format-disk/x.ts` -> `format-disk`); undefined for files at the top of steps/. */
function stepFolder(rel: string): string | undefined {
  const parts = rel.split('/');
  return parts[0] === 'steps' && parts.length > 2 ? parts[1] : undefined;
}

function stepRuleBroken(file: string, target: string): string | undefined {
  const from = stepFolder(file);
  const to = stepFolder(target);
  if (from === undefined || to === undefined || to === from) return undefined;
  if (from === 'shared') return SHARED_RULE;
  // steps/test-support/ holds the fakes every step's tests share (fixture files beside a step use them too).
  return to === 'shared' || to === 'test-support' ? undefined : STEP_RULE;
}

/** agent/ files (tests aside) that import node:child_process outside agent/backends/ and `PROCESS_EXCEPTIONS`. */
export function checkProcessRule(files: readonly SourceFile[]): ImportViolation[] {
  const allowed = (rel: string) => rel.startsWith('agent/backends/')
    || Object.keys(PROCESS_EXCEPTIONS).some((e) => (e.endsWith('/') ? rel.startsWith(e) : rel === e));
  return files.filter((f) => f.path.startsWith('agent/') && isScannedPath(f.path) && !isTestFile(f.path) && !allowed(f.path))
    .flatMap((f) => findImports(f)
      .filter((r) => r.specifier !== undefined && moduleName(r.specifier) === 'child_process')
      .map((r) => ({ file: f.path, line: r.line, specifier: r.specifier as string, rule: PROCESS_RULE })));
}
