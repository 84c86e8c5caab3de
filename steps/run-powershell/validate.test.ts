import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepDefinitionView } from '../../engine/step-api.ts';
import { encodeSourceScript } from './source-script.ts';
import { validatePowerShellStep } from './validate.ts';
import { decodeSourceScript } from './source-script.ts';

function view(options: Record<string, string>): StepDefinitionView {
  return {
    node: { kind: 'step', name: 'PS', type: 'SMS_TaskSequence_RunPowerShellScriptAction' },
    options,
    optionVariables: Object.fromEntries(Object.keys(options).map((k) => [k, `OSDRunPowerShellScript${k}`])),
  };
}
const codes = (o: Record<string, string>) => validatePowerShellStep(view(o)).map((p) => p.code);

test('valid inline and package scripts pass', () => {
  assert.deepEqual(codes({ SourceScript: encodeSourceScript('Get-Date'), ExecutionPolicy: 'Bypass' }), []);
  assert.deepEqual(codes({ PackageID: 'LAB00001', ScriptName: 'a.ps1', ExecutionPolicy: 'AllSigned' }), []);
});

test('bad Base64 or bad UTF-16LE is an error naming the variable', () => {
  const problems = validatePowerShellStep(view({ SourceScript: 'abc$' }));
  assert.deepEqual(problems.map((p) => [p.code, p.field]), [['invalid-source-script', 'OSDRunPowerShellScriptSourceScript']]);
  assert.deepEqual(codes({ SourceScript: Buffer.from([0x41, 0x00, 0x42]).toString('base64') }), ['invalid-source-script']);
  assert.deepEqual(codes({ SourceScript: Buffer.from([0x00, 0xd8, 0x41, 0x00]).toString('base64') }), ['invalid-source-script']);
});

test('no script, or a script name without a package, is an error', () => {
  assert.deepEqual(codes({ ExecutionPolicy: 'Bypass' }), ['missing-script']);
  assert.deepEqual(codes({ ScriptName: 'a.ps1' }), ['missing-package']);
});

test('execution policy must be AllSigned, Undefined or Bypass', () => {
  assert.deepEqual(codes({ SourceScript: encodeSourceScript('x'), ExecutionPolicy: 'Unrestricted' }), ['invalid-execution-policy']);
  assert.deepEqual(codes({ SourceScript: encodeSourceScript('x'), ExecutionPolicy: 'undefined' }), []);
  assert.deepEqual(codes({ SourceScript: encodeSourceScript('x'), ExecutionPolicy: '%Policy%' }), []);
});

test('output variable must be writable', () => {
  assert.deepEqual(codes({ SourceScript: encodeSourceScript('x'), OutputVariableName: '_Out' }), ['read-only-variable']);
});

test('decodeSourceScript strips the BOM and accepts a missing one', () => {
  assert.deepEqual(decodeSourceScript(encodeSourceScript('Write-Host ü')), { text: 'Write-Host ü' });
  assert.deepEqual(decodeSourceScript(Buffer.from('hi', 'utf16le').toString('base64')), { text: 'hi' });
});
