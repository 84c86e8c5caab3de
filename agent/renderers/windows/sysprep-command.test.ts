import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TaskseqError } from '../../../engine/index.ts';
import { renderResumeHook, renderSysprep } from './sysprep-command.ts';
import { quoteWindowsArgv } from './dism-command.ts';

const golden = (name: string) => readFileSync(new URL(`./fixtures/sysprep/${name}`, import.meta.url), 'utf8');

test('sysprep golden: generalize for OOBE and quit, so the engine restarts after its journal is written', () => {
  const plan = renderSysprep({ windowsDir: 'C:\\Windows\\', architecture: 'x64', keepActivation: false, buildMassStorageList: false });
  assert.equal(plan.answerFile, undefined);
  assert.equal(quoteWindowsArgv(plan.argv) + '\n', golden('generalize.cmdline.txt'));
});

test('sysprep golden: keeping the activation adds a generalize-pass answer file with SkipRearm', () => {
  const plan = renderSysprep({ windowsDir: 'D:\\Windows', architecture: 'arm64', keepActivation: true, buildMassStorageList: false });
  assert.equal(quoteWindowsArgv(plan.argv) + '\n', golden('keep-activation.cmdline.txt'));
  assert.equal(plan.answerFile?.path, 'D:\\Windows\\Temp\\taskseq-sysprep-unattend.xml');
  assert.equal(plan.answerFile?.content, golden('keep-activation.unattend.xml'));
});

test('the resume hook golden, and values a command line cannot carry are refused', () => {
  const text = renderResumeHook({ runner: 'C:\\_SMSTaskSequence\\taskseq.exe', sequence: 'C:\\_SMSTaskSequence\\ts.xml', stateDir: 'C:\\_SMSTaskSequence\\state' });
  assert.equal(text, golden('SetupComplete.cmd'));
  assert.throws(() => renderResumeHook({ runner: 'C:\\a"b.exe', sequence: 'x', stateDir: 'y' }), (e: unknown) => e instanceof TaskseqError && /runner .* double quote/.test(e.message));
  assert.throws(() => renderSysprep({ windowsDir: 'C:\\Win\ndows', architecture: 'x64', keepActivation: false, buildMassStorageList: false }), /line break/);
});
