import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkBuilderImports, checkImportRules, checkPlanConsumerImports, findImports, isScannedPath, MEDIA_BUILDER, PLAN_CONSUMERS,
  reachableFrom, renderViolation, type SourceFile,
} from './support/import-rules.ts';
import { readProjectSources } from './support/project-sources.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAYERED = ['variables', 'engine', 'steps', 'agent'];

/** Rendered violations (without the rule text) for one in-memory file. */
function offences(file: string, text: string): string[] {
  return checkImportRules([{ path: file, text }]).map((v) => `${v.file}:${v.line} -> ${v.specifier}`);
}

test('the project follows the import rules', () => {
  const files = readProjectSources(root, LAYERED);
  assert.ok(files.some((f) => f.path.startsWith('variables/')), 'scanner found no variables/ files');
  assert.ok(files.some((f) => f.path.startsWith('engine/')), 'scanner found no engine/ files');
  const violations = checkImportRules(files).map(renderViolation);
  assert.equal(violations.length, 0, `import rule violations:\n  ${violations.join('\n  ')}`);
});

test('only taskseq media build loads the media builder; the run path never reaches it', () => {
  const files = readProjectSources(root, LAYERED);
  assert.ok(files.some((f) => MEDIA_BUILDER.test(f.path)), 'scanner found no media builder files');
  const violations = checkBuilderImports(files).map(renderViolation);
  assert.equal(violations.length, 0, `media builder imports:\n  ${violations.join('\n  ')}`);
  for (const entry of ['agent/cli/run-command.ts', 'agent/runner/run-deployment.ts', 'agent/cli/validate-command.ts']) {
    const reached = [...reachableFrom(files, entry)];
    assert.ok(reached.includes('agent/media/open-media.ts') || entry !== 'agent/cli/run-command.ts', 'the run path opens media');
    assert.deepEqual(reached.filter((p) => MEDIA_BUILDER.test(p)), [], `${entry} reaches the media builder`);
  }
});

test('self-test: a media builder import outside media build is caught, a test may import it', () => {
  const files: SourceFile[] = [
    { path: 'agent/runner/run-deployment.ts', text: `import { buildMedia } from '../media-builder/build-media.ts';` },
    { path: 'agent/media/open-media.ts', text: `const m = await import('../media-builder/build-parts.ts');` },
    { path: 'agent/cli/media-command.ts', text: `import { buildMedia } from '../media-builder/build-media.ts';` },
    { path: 'agent/media-builder/build-media.ts', text: `import { assignParts } from './build-parts.ts';` },
    { path: 'agent/media-builder/build-parts.test.ts', text: `import { assignParts } from './build-parts.ts';` },
  ];
  assert.deepEqual(checkBuilderImports(files).map((v) => `${v.file}:${v.line} -> ${v.specifier}`), [
    'agent/runner/run-deployment.ts:1 -> agent/media-builder/build-media.ts', 'agent/media/open-media.ts:1 -> agent/media-builder/build-parts.ts',
  ]);
  assert.deepEqual([...reachableFrom(files, 'agent/cli/media-command.ts')], ['agent/cli/media-command.ts', 'agent/media-builder/build-media.ts', 'agent/media-builder/build-parts.ts']);
});

test('backends and renderers import no step', () => {
  const files = readProjectSources(root, LAYERED);
  assert.ok(files.some((f) => PLAN_CONSUMERS.test(f.path) && f.path.startsWith('agent/renderers/')), 'scanner found no renderer files');
  const violations = checkPlanConsumerImports(files).map(renderViolation);
  assert.equal(violations.length, 0, `steps imported by backends or renderers:\n  ${violations.join('\n  ')}`);
});

test('self-test: a backend or renderer importing a step is caught, its tests and other agent/ code may', () => {
  const files: SourceFile[] = [
    { path: 'agent/renderers/windows/diskpart-script.ts', text: `import { x } from '../../../engine/index.ts';\nimport { usableRange } from '../../../steps/partition-disk/index.ts';` },
    { path: 'agent/backends/simulated/disks/simulated-disks.ts', text: `const m = await import('../../../../steps/partition-disk/plan.ts');` },
    { path: 'agent/renderers/windows/diskpart.test.ts', text: `import { planLayout } from '../../../steps/partition-disk/index.ts';` },
    { path: 'agent/cli/plan-command.ts', text: `import { planLayout } from '../../steps/partition-disk/index.ts';` },
  ];
  assert.deepEqual(checkPlanConsumerImports(files).map((v) => `${v.file}:${v.line} -> ${v.specifier}`), [
    'agent/renderers/windows/diskpart-script.ts:2 -> steps/partition-disk/index.ts',
    'agent/backends/simulated/disks/simulated-disks.ts:1 -> steps/partition-disk/plan.ts',
  ]);
});

test('self-test: layer violations are caught for every import form', () => {
  const cases: Array<[string, string]> = [
    ['variables/store.ts', `import { x } from '../engine/problems.ts';`],
    ['variables/store.ts', `import type { Y } from '../steps/a/plan.ts';`],
    ['engine/machine/run.ts', `export { z } from '../../agent/log/log.ts';`],
    ['engine/machine/run.ts', `export * from '../../steps/index.ts';`],
    ['engine/machine/run.ts', `const m = await import('../../agent/cli/main.ts');`],
    ['engine/machine/run.ts', `let t: import('../../test/support/x.ts').T;`],
    ['engine/machine/run.ts', `import x = require('../../agent/x.ts');`],
    ['engine/machine/run.ts', `const y = require('../../agent/y.ts');`],
    ['engine/machine/run.ts', `const m = await import(\`../../agent/cli/\${name}.ts\`);`],
    ['engine/x.ts', `import { v } from '../package.json';`],
    ['steps/format-disk/format-disk.ts', `import { TaskseqError } from '../../engine/problems.ts';`],
    ['steps/format-disk/format-disk.ts', `import type { Ports } from '../../engine/ports/index.ts';`],
    ['steps/format-disk/format-disk.ts', `import { keyOf } from '../../variables/names.ts';`],
    ['steps/format-disk/format-disk.ts', `import { fake } from '../../agent/backends/simulated/disk.ts';`],
    ['steps/format-disk/format-disk.test.ts', `import { harness } from '../../test/support/harness.ts';`],
    ['engine/x.ts', `import { y } from '/work/main/agent/y.ts';`],
  ];
  for (const [file, text] of cases) {
    assert.equal(offences(file, text).length, 1, `not caught: ${file}: ${text}`);
  }
});

test('self-test: process, network and file modules are caught outside agent/', () => {
  const modules = ['node:child_process', 'child_process', 'node:net', 'node:http', 'node:https', 'node:dgram', 'axios',
    'systeminformation', 'node-disk-info', 'node:fs', 'fs', 'node:fs/promises', 'fs/promises'];
  for (const layer of ['engine/a.ts', 'steps/s/s.ts', 'variables/v.ts']) {
    for (const m of modules) {
      assert.deepEqual(offences(layer, `import * as m from '${m}';`), [`${layer}:1 -> ${m}`]);
      assert.deepEqual(offences(layer, `import type { T } from '${m}';`), [`${layer}:1 -> ${m}`]);
    }
  }
});

test('self-test: tests and test-support/ may read files, but not spawn or reach the network', () => {
  assert.deepEqual(offences('engine/journal/framing.test.ts', `import * as fs from 'node:fs';`), []);
  assert.deepEqual(offences('steps/s/test-support/fixtures.ts', `import { readFileSync } from 'fs';`), []);
  assert.equal(offences('engine/journal/framing.test.ts', `import { spawn } from 'node:child_process';`).length, 1);
  assert.equal(offences('steps/s/test-support/fixtures.ts', `import axios from 'axios';`).length, 1);
});

test('self-test: steps reach the engine only through engine/step-api.ts', () => {
  for (const target of ['../../engine/index.ts', '../../engine/step-context.ts', '../../engine/ports/disks.ts']) {
    assert.deepEqual(offences('steps/format-disk/format-disk.ts', `import type { T } from '${target}';`).length, 1, target);
  }
  assert.deepEqual(offences('steps/format-disk/format-disk.ts', `import type { StepModule } from '../../engine/step-api.ts';`), []);
});

test('self-test: allowed imports pass', () => {
  const allowed: Array<[string, string]> = [
    ['variables/store.ts', `import { keyOf } from './names.ts';\nimport { crc32 } from 'node:zlib';`],
    ['engine/journal/framing.ts', `import { TaskseqError } from '../problems.ts';\nimport type { V } from '../../variables/store.ts';`],
    ['steps/format-disk/format-disk.ts', `import { TaskseqError } from '../../engine/step-api.ts';\nimport { keyOf } from '../../variables/index.ts';`],
    ['steps/format-disk/format-disk.ts', `import { planFormat } from './plan.ts';\nimport { helper } from '../shared/string-options.ts';`],
    ['steps/format-disk/format-disk.ts', `import Ajv from 'ajv';\nimport { createMachine } from 'xstate';`],
    ['agent/cli/main.ts', `import * as fs from 'node:fs';\nimport { spawn } from 'node:child_process';\nimport { x } from '../../steps/a/plan.ts';`],
    ['test/support/harness.ts', `import * as fs from 'node:fs';\nimport { run } from '../../agent/cli/main.ts';`],
  ];
  for (const [file, text] of allowed) assert.deepEqual(offences(file, text), [], `${file}: ${text}`);
});

test('self-test: comments and strings are not imports; each offence is reported with its line', () => {
  const text = [
    `// import * as fs from 'node:fs';`,
    `/** e.g. \`import { x } from '../../agent/x.ts'\` */`,
    `const s = "import('node:http')";`,
    `import {`,
    `  a,`,
    `} from '../../agent/a.ts';`,
    `import * as fs from 'node:fs';`,
  ].join('\n');
  assert.deepEqual(offences('engine/x/y.ts', text), ['engine/x/y.ts:6 -> ../../agent/a.ts', 'engine/x/y.ts:7 -> node:fs']);
  assert.deepEqual(findImports({ path: 'engine/x/y.ts', text }).map((r) => r.specifier), ['../../agent/a.ts', 'node:fs']);
});

test('self-test: rendered violations name file, line, import and rule', () => {
  const [v] = checkImportRules([{ path: 'engine/a.ts', text: `import '../agent/b.ts';` }]);
  assert.equal(renderViolation(v), 'engine/a.ts:1 -> ../agent/b.ts (engine/ may import only engine/ and variables/)');
});

test('self-test: generated files and node_modules are not scanned', () => {
  const files: SourceFile[] = [
    { path: 'engine/definition/schema/step.generated.ts', text: `import * as fs from 'node:fs';` },
    { path: 'engine/node_modules/x/index.ts', text: `import * as fs from 'node:fs';` },
  ];
  assert.deepEqual(checkImportRules(files), []);
  assert.equal(isScannedPath('engine/a.ts'), true);
  assert.equal(isScannedPath('engine/a.js'), false);
});
