import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderViolation, type SourceFile } from './support/import-rules.ts';
import {
  checkFolderRules, checkProcessRule, exceptionKey, KNOWN_FOLDER_EXCEPTIONS, PROCESS_EXCEPTIONS,
} from './support/folder-rules.ts';
import { findImportCycles, KNOWN_CYCLES } from './support/import-cycles.ts';
import { compareWithKnown } from './support/known-offences.ts';
import { readProjectSources } from './support/project-sources.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAYERED = ['variables', 'engine', 'steps', 'agent'];
/** Cycles are looked for everywhere TypeScript is, tests and benches included. */
const EVERYWHERE = [...LAYERED, 'test', 'bench'];

/** `file -> target` of every folder-rule violation in one in-memory file. */
function folderOffences(file: string, text: string): string[] {
  return checkFolderRules([{ path: file, text }]).map(exceptionKey);
}

test('agent/ folders import only inward and a step imports no other step', () => {
  const found = checkFolderRules(readProjectSources(root, LAYERED));
  const { fresh, gone } = compareWithKnown(found.map(exceptionKey), KNOWN_FOLDER_EXCEPTIONS);
  const shown = found.filter((v) => fresh.includes(exceptionKey(v))).map(renderViolation);
  assert.equal(shown.length, 0, `folder rule violations:\n  ${shown.join('\n  ')}`);
  assert.deepEqual(gone, [], 'fixed: remove these from KNOWN_FOLDER_EXCEPTIONS');
});

test('only agent/backends/ and the listed tools start processes', () => {
  const files = readProjectSources(root, ['agent']);
  const violations = checkProcessRule(files).map(renderViolation);
  assert.equal(violations.length, 0, `process starts outside agent/backends/:\n  ${violations.join('\n  ')}`);
  for (const exception of Object.keys(PROCESS_EXCEPTIONS)) {
    assert.ok(files.some((f) => f.path === exception || (exception.endsWith('/') && f.path.startsWith(exception))), `${exception} is gone`);
  }
});

test('no import cycles, type-only imports included', () => {
  const { fresh, gone } = compareWithKnown(findImportCycles(readProjectSources(root, EVERYWHERE)), KNOWN_CYCLES);
  assert.deepEqual(fresh, [], `import cycles:\n  ${fresh.join('\n  ')}`);
  assert.deepEqual(gone, [], 'fixed: remove these from KNOWN_CYCLES');
});

test('self-test: an import back up or across agent/ folders is caught', () => {
  const cases: Array<[string, string, string]> = [
    ['agent/formats/wim/read-wim.ts', `import { x } from '../../content/folder-content.ts';`, 'agent/content/folder-content.ts'],
    ['agent/formats/inf/parse-inf.ts', `import type { Y } from '../../drivers/driver-catalog.ts';`, 'agent/drivers/driver-catalog.ts'],
    ['agent/formats/inf/parse-inf.ts', `import { s } from '../../../steps/shared/drivers/rank-drivers.ts';`, 'steps/shared/drivers/rank-drivers.ts'],
    ['agent/renderers/windows/dism-command.ts', `import { m } from '../../backends/simulated/index.ts';`, 'agent/backends/simulated/index.ts'],
    ['agent/renderers/linux/sfdisk-script.ts', `import { p } from '../../../steps/partition-disk/plan.ts';`, 'steps/partition-disk/plan.ts'],
    ['agent/backends/simulated/machine/simulated-machine.ts', `import { r } from '../../../runner/run-deployment.ts';`, 'agent/runner/run-deployment.ts'],
    ['agent/backends/simulated/index.ts', `export { c } from '../../cli/main.ts';`, 'agent/cli/main.ts'],
    ['agent/backends/simulated/index.ts', `const l = await import('../../load/prepare-run.ts');`, 'agent/load/prepare-run.ts'],
    ['agent/backends/simulated/index.ts', `let b: import('../../media-builder/build-media.ts').B;`, 'agent/media-builder/build-media.ts'],
    ['agent/load/prepare-run.ts', `import { d } from '../runner/deployment-options.ts';`, 'agent/runner/deployment-options.ts'],
    ['agent/load/prepare-run.ts', `import type { E } from '../cli/exit-codes.ts';`, 'agent/cli/exit-codes.ts'],
    ['agent/media-builder/build-media.ts', `import { o } from '../runner/output-folders.ts';`, 'agent/runner/output-folders.ts'],
    ['agent/runner/run-deployment.ts', `import { io } from '../cli/io.ts';`, 'agent/cli/io.ts'],
  ];
  for (const [file, text, target] of cases) assert.deepEqual(folderOffences(file, text), [`${file} -> ${target}`], `${file}: ${text}`);
});

test('self-test: a step importing another step is caught; its own folder and steps/shared/ are not', () => {
  assert.deepEqual(folderOffences('steps/format-disk/index.ts', `import { p } from '../partition-disk/plan.ts';`),
    ['steps/format-disk/index.ts -> steps/partition-disk/plan.ts']);
  assert.deepEqual(folderOffences('steps/format-disk/sub/x.ts', `import type { I } from '../../partition-disk/index.ts';`),
    ['steps/format-disk/sub/x.ts -> steps/partition-disk/index.ts']);
  assert.deepEqual(folderOffences('steps/shared/drivers/driver-flow.ts', `import { s } from '../../inject-drivers/index.ts';`),
    ['steps/shared/drivers/driver-flow.ts -> steps/inject-drivers/index.ts']);
  assert.deepEqual(folderOffences('steps/format-disk/index.ts',
    `import { p } from './plan.ts';\nimport { s } from '../shared/string-options.ts';\nimport { e } from '../../engine/step-api.ts';`), []);
  assert.deepEqual(folderOffences('steps/modules.ts', `import { m } from './format-disk/index.ts';`), []);
  assert.deepEqual(folderOffences('steps/format-disk/test-fixtures.ts', `import { f } from '../test-support/fake-context.ts';`), []);
});

test('self-test: allowed agent/ imports and tests pass the folder rules', () => {
  const allowed: Array<[string, string]> = [
    ['agent/formats/wim/read-wim.ts', `import { h } from './wim-header.ts';\nimport { e } from '../../../engine/problems.ts';\nimport { g } from '../partition-table/guid.ts';`],
    ['agent/renderers/windows/diskpart-script.ts', `import { e } from '../../../engine/index.ts';\nimport { m } from '../../formats/partition-table/mbr.ts';\nimport { l } from '../linux/sfdisk-script.ts';`],
    ['agent/backends/simulated/index.ts', `import { w } from '../../formats/wim/index.ts';\nimport { c } from '../../content/package-destination.ts';`],
    ['agent/runner/run-deployment.ts', `import { l } from '../load/prepare-run.ts';\nimport { b } from '../backends/simulated/index.ts';`],
    ['agent/cli/run-command.ts', `import { r } from '../runner/run-deployment.ts';`],
    ['agent/renderers/windows/diskpart.test.ts', `import { p } from '../../../steps/partition-disk/index.ts';`],
    ['steps/format-disk/index.test.ts', `import { f } from '../capture-system-image/test-fixtures.ts';`],
  ];
  for (const [file, text] of allowed) assert.deepEqual(folderOffences(file, text), [], `${file}: ${text}`);
});

test('self-test: child_process outside agent/backends/ and the listed tools is caught', () => {
  const offences = (file: string, text: string) => checkProcessRule([{ path: file, text }]).map((v) => `${v.file}:${v.line} -> ${v.specifier}`);
  assert.deepEqual(offences('agent/runner/run-deployment.ts', `import { spawn } from 'node:child_process';`), ['agent/runner/run-deployment.ts:1 -> node:child_process']);
  assert.deepEqual(offences('agent/cli/main.ts', `const c = require('child_process');`), ['agent/cli/main.ts:1 -> child_process']);
  assert.deepEqual(offences('agent/doctor/doctor-report.ts', `import type { ChildProcess } from 'node:child_process';`), ['agent/doctor/doctor-report.ts:1 -> node:child_process']);
  for (const file of ['agent/backends/simulated/imaging/wimlib-runner.ts', 'agent/doctor/install-packages.ts', 'agent/doctor/check-tools.ts',
    'agent/build/demo-image.ts', 'agent/cli/help.test.ts', 'agent/formats/wim/test-support/wim-fixtures.ts']) {
    assert.deepEqual(offences(file, `import { spawnSync } from 'node:child_process';`), [], file);
  }
});

test('self-test: cycles are found, type-only and through several files, each reported once from its first file', () => {
  const files: SourceFile[] = [
    { path: 'agent/a/profile-rules.ts', text: `import { c } from './profile-disk-rules.ts';` },
    { path: 'agent/a/profile-disk-rules.ts', text: `import type { F } from './profile-rules.ts';` },
    { path: 'engine/x/one.ts', text: `import { t } from './two.ts';\nimport { l } from './leaf.ts';` },
    { path: 'engine/x/two.ts', text: `export * from './three.ts';` },
    { path: 'engine/x/three.ts', text: `let o: import('./one.ts').O;\nimport { l } from './leaf.ts';` },
    { path: 'engine/x/leaf.ts', text: `import { z } from 'node:zlib';` },
    { path: 'engine/x/self.ts', text: `import { me } from './self.ts';` },
  ];
  assert.deepEqual(findImportCycles(files), [
    'agent/a/profile-disk-rules.ts -> agent/a/profile-rules.ts -> agent/a/profile-disk-rules.ts',
    'engine/x/one.ts -> engine/x/two.ts -> engine/x/three.ts -> engine/x/one.ts',
    'engine/x/self.ts -> engine/x/self.ts',
  ]);
  assert.deepEqual(findImportCycles(files.filter((f) => !f.path.endsWith('profile-disk-rules.ts') && !f.path.endsWith('self.ts') && !f.path.endsWith('three.ts'))), []);
});

test('self-test: a planted violation or cycle fails unless listed, and a listed one that is gone fails too', () => {
  const planted = folderOffences('steps/format-disk/index.ts', `import { p } from '../partition-disk/plan.ts';`);
  assert.deepEqual(compareWithKnown(planted, []), { fresh: planted, gone: [] });
  assert.deepEqual(compareWithKnown(planted, planted), { fresh: [], gone: [] });
  assert.deepEqual(compareWithKnown(folderOffences('steps/format-disk/index.ts', `import { p } from './plan.ts';`), planted), { fresh: [], gone: planted });
  const cycle = findImportCycles([
    { path: 'engine/x/deps.ts', text: `import type { G } from './gate.ts';` },
    { path: 'engine/x/gate.ts', text: `import type { D } from './deps.ts';` },
  ]);
  assert.deepEqual(cycle, ['engine/x/deps.ts -> engine/x/gate.ts -> engine/x/deps.ts']);
  assert.deepEqual(compareWithKnown(cycle, []), { fresh: cycle, gone: [] });
  assert.deepEqual(compareWithKnown([], cycle), { fresh: [], gone: cycle });
});
