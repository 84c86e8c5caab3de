/** Run Task Sequence: the child is inlined under its step and shares the parent's environment. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { runCli, runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { command, group, runTaskSequence, sequence, setVariable, varCondition } from '../support/sequence-builder.ts';

function exportXml(packageId: string, name: string, seqXml: string): string {
  const body = seqXml.replace(/^<\?xml[^>]*>\s*/, '');
  return `<INSTANCE CLASSNAME="SMS_TaskSequencePackage">
<PROPERTY NAME="Name" TYPE="string"><VALUE>${name}</VALUE></PROPERTY>
<PROPERTY NAME="PackageID" TYPE="string"><VALUE>${packageId}</VALUE></PROPERTY>
<PROPERTY NAME="Sequence" TYPE="string"><VALUE><![CDATA[${body}]]></VALUE></PROPERTY>
</INSTANCE>
`;
}

const child = sequence([setVariable('Child sets', 'FromChild', 'yes-%FromParent%'), command('Child fails softly', 'cmd.exe /c exit 3', { continueOnError: true })], { globals: { ChildGlobal: 'g' } });
const parent = sequence([
  setVariable('Parent sets', 'FromParent', 'p'),
  group('Modules', [runTaskSequence('Run child', 'LAB00020')]),
  setVariable('Parent reads', 'Seen', '%FromChild%', { condition: varCondition('FromChild', 'exists') }),
]);

test('a child from a --children folder runs inlined, in one environment', async () => {
  const dir = workDir();
  mkdirSync(join(dir, 'exports', 'SMS_TaskSequencePackage', 'LAB00020'), { recursive: true });
  writeFixture(join(dir, 'exports', 'SMS_TaskSequencePackage', 'LAB00020'), 'object.xml', exportXml('LAB00020', 'Child', child));
  const file = writeFixture(dir, 'parent.xml', parent);
  const r = await runSequenceFile(file, dir, ['--children', join(dir, 'exports')]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.report.steps.map((s) => s.path), ['Parent sets', 'Modules/Run child/Child sets', 'Modules/Run child/Child fails softly', 'Parent reads']);
  assert.equal(r.report.variables.Seen, 'yes-p');
  assert.equal(r.report.variables.ChildGlobal, 'g');
});

test('a child inside the same export zip is found without --children; a missing child stops the run', async () => {
  const dir = workDir();
  const zip = zipSync({
    'SMS_TaskSequencePackage/LAB00010/object.xml': strToU8(exportXml('LAB00010', 'Parent', parent)),
    'SMS_TaskSequencePackage/LAB00020/object.xml': strToU8(exportXml('LAB00020', 'Child', child)),
  });
  writeFileSync(join(dir, 'export.zip'), zip);
  const r = await runSequenceFile(join(dir, 'export.zip'), dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.report.variables.Seen, 'yes-p');
  assert.equal(r.report.variables._SMSTSPackageID, 'LAB00010');
  const alone = writeFixture(dir, 'alone.xml', parent);
  const missing = await runCli(['run', alone, '--json', '--state-dir', join(dir, 's2')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stdout, /missing-child/);
  const validate = await runCli(['validate', alone]);
  assert.equal(validate.code, 0, 'validate warns: the child is not a defect of the file');
  const fromZip = await runSequenceFile(alone, workDir(), ['--children', join(dir, 'export.zip')]);
  assert.equal(fromZip.code, 0, fromZip.stderr);
  assert.equal(fromZip.report.variables.Seen, 'yes-p');
});
