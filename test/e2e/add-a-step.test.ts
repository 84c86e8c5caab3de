import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAB_CHECK, LAB_SEQUENCE, LAB_STEP_ENTRY, LAB_STEP_IMPORT, LAB_STEP_MODULE } from '../support/lab-step.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('adding a step is one folder and one registration in steps/modules.ts: validate accepts it and run runs it', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'taskseq-add-step-'));
  try {
    for (const part of ['variables', 'engine', 'steps', 'agent', 'test/support', 'package.json', 'tsconfig.json']) {
      cpSync(join(root, part), join(scratch, part), { recursive: true, filter: (src) => !/[\\/](dist|dist-single)$/.test(src) });
    }
    symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
    mkdirSync(join(scratch, 'steps/lab-note'));
    writeFileSync(join(scratch, 'steps/lab-note/index.ts'), LAB_STEP_MODULE);
    const modules = join(scratch, 'steps/modules.ts');
    const text = readFileSync(modules, 'utf8');
    writeFileSync(modules, text.replace(/\n\nexport const STEP_MODULES/, `\n${LAB_STEP_IMPORT}\n\nexport const STEP_MODULES`).replace(/\n\];\s*$/, `\n${LAB_STEP_ENTRY}\n];\n`));
    writeFileSync(join(scratch, 'ts.xml'), LAB_SEQUENCE);
    writeFileSync(join(scratch, 'check.ts'), LAB_CHECK);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'check.ts', join(scratch, 'ts.xml'), join(scratch, 'work')], { cwd: scratch, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { validate: number; validateOut: string; run: number; note: string; runErr: string };
    assert.equal(result.validate, 0, result.validateOut);
    assert.equal(result.run, 0, result.runErr);
    assert.equal(result.note, 'ababab');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
