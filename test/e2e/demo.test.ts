/** The README's demo: the example deployment on the default simulated machine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runSequenceFile, workDir } from '../support/harness.ts';

const example = fileURLToPath(new URL('../../examples/deploy-windows.xml', import.meta.url));

test('the demo deployment succeeds with one restart, and its smsts.log parses as CMTrace', async () => {
  const r = await runSequenceFile(example, workDir());
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.report.status, 'succeeded');
  assert.deepEqual(r.report.reboots, [{ afterStep: 8, target: 'HD' }]);
  const v = r.report.variables;
  assert.equal(v.DeploymentStage, 'Done');
  assert.equal(v.OSDComputerName, 'LAB-7DXK9H3');
  assert.equal(v.DriverFamily, 'OptiPlex');
  assert.equal(v.OptionalToolsFailedWith, '1603');
  assert.equal(v._SMSTSInWinPE, 'false');
  assert.equal(v.OptionalTools, undefined);
  const outcome = Object.fromEntries(r.report.steps.map((s) => [s.name, s.outcome]));
  assert.equal(outcome['Check BIOS firmware'], 'skipped');
  assert.equal(outcome['Update laptop battery firmware'], 'skipped');
  assert.equal(outcome['Install optional tool'], 'failed');
  assert.ok(r.log.length > 50);
  assert.ok(r.log.every((e) => e.component && e.date === '03-04-2025' && e.bias === 480));
  assert.ok(r.log.some((e) => e.component === 'SetDynamicVariables'));
  assert.ok(r.log.some((e) => /skipped because the condition is evaluated to be false: _SMSTSBootUEFI notEquals "true" \(value: "true"\)/.test(e.message)));
});

test('the same demo on a BIOS desktop takes the other branch', async () => {
  const r = await runSequenceFile(example, workDir(), ['--machine', 'bios-desktop']);
  assert.equal(r.code, 0, r.stderr);
  const outcome = Object.fromEntries(r.report.steps.map((s) => [s.name, s.outcome]));
  assert.equal(outcome['Check UEFI firmware'], 'skipped');
  assert.equal(outcome['Check BIOS firmware'], 'succeeded');
  assert.equal(r.report.variables._SMSTSBootUEFI, 'false');
  assert.equal(r.report.variables._TSSecureBoot, 'NA');
});
