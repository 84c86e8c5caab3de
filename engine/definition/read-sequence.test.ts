import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { GroupNode, StepNode, SubTaskSequenceNode, TaskSequence } from './model.ts';
import { createReadContext } from './read-context.ts';
import { readSequence } from './read-sequence.ts';
import { parseXmlTree } from './xml-tree.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function read(text: string) {
  const tree = parseXmlTree(text, { file: 'f.xml' });
  assert.ok(tree.root, JSON.stringify(tree.problems));
  const ctx = createReadContext('f.xml');
  return { seq: readSequence(tree.root, ctx), problems: ctx.problems };
}

const group = (seq: TaskSequence | GroupNode, i: number) => seq.children[i] as GroupNode;
const step = (g: GroupNode | TaskSequence, i: number) => g.children[i] as StepNode;

test('ConfigMgr sequence: references, globals, nested groups and typed attributes', () => {
  const { seq, problems } = read(fixture('configmgr-sequence.xml'));
  assert.deepEqual(problems, []);
  assert.equal(seq.version, '3.10');
  assert.deepEqual(seq.attributes, { customMarker: 'kept' });
  assert.deepEqual(seq.referenceList?.map(({ loc: _l, ...r }) => r), [
    { package: 'LAB00012', attributes: { program: '*' } },
    { application: 'ScopeId_0001/Application_0002' },
    { package: 'LAB00020' },
  ]);
  assert.deepEqual(seq.globalVarList?.map((v) => [v.name, v.property, v.value]), [
    ['OSDAdapterCount', 'AdapterCount', '0'], ['OSDEnableTCPIPFiltering', 'EnableTCPIPFiltering', 'false'],
  ]);
  const build = group(seq, 0);
  assert.equal(build.description, 'Line one\r\nline two');
  const disk = group(build, 0);
  assert.equal(disk.continueOnError, true, '"True" is normalised');
  const partition = step(disk, 0);
  assert.equal(partition.type, 'SMS_TaskSequence_PartitionDiskAction');
  assert.deepEqual([partition.runIn, partition.retryCount, partition.runFromNet, partition.successCodeList], ['WinPE', 0, false, '0']);
  assert.equal(partition.action, 'osddiskpart.exe');
  assert.equal(partition.loc?.line, 20);
  const restart = step(seq, 1);
  assert.equal(restart.disable, true);
  assert.equal(restart.defaultVarList?.[0].value, '');
  assert.equal(restart.defaultVarList?.[2].hidden, true);
});

test('step values: entities, multi-line text and "]]>" are read exactly', () => {
  const { seq } = read(fixture('configmgr-sequence.xml'));
  const prepare = group(group(group(seq, 0), 1), 0);
  const cmd = step(prepare, 0);
  assert.equal(cmd.action, 'smsswd.exe /run: cmd.exe /c echo %_SMSTSPackageID% > %OSDisk%\\build.txt && exit 0');
  assert.deepEqual([cmd.timeout, cmd.continueOnError], [600, true]);
  assert.deepEqual(cmd.extra, [{ element: 'labNote', attributes: { source: 'editor' }, text: 'kept verbatim' }]);
  assert.equal(step(prepare, 1).defaultVarList?.[1].value, 'a]]>b');
  assert.equal(step(prepare, 2).defaultVarList?.[0].value, '-Mode Lab\n-Verbose\n  -Indented "quoted"');
});

test('every condition kind is read in order with its attributes', () => {
  const { seq } = read(fixture('configmgr-sequence.xml'));
  const partition = step(group(group(seq, 0), 0), 0);
  const or = partition.condition?.children[0];
  assert.equal(or?.kind, 'operator');
  assert.ok(or?.kind === 'operator');
  assert.equal(or.operator, 'or');
  const wmi = or.children[1];
  assert.ok(wmi.kind === 'expression');
  assert.deepEqual(wmi.attributes, { ignoreQueryFailure: 'true' });
  assert.deepEqual(wmi.properties[0], { name: 'Namespace', value: 'root\\cimv2' });
  const prepare = group(group(group(seq, 0), 1), 0);
  const and = prepare.condition?.children[0];
  assert.ok(and?.kind === 'operator');
  assert.deepEqual(and.children.map((c) => (c.kind === 'expression' ? c.type.replace('SMS_TaskSequence_', '') : c.kind)), [
    'operator', 'FileConditionExpression', 'FolderConditionExpression', 'SoftwareConditionExpression', 'osConditionGroup',
  ]);
  const os = and.children[4];
  assert.ok(os.kind === 'osConditionGroup');
  const platform = os.children[0];
  assert.ok(platform.kind === 'osExpressionGroup');
  assert.equal(platform.name, 'All x64 Windows 10 and higher Client');
  assert.deepEqual(platform.children[0], {
    kind: 'platformKey', attributes: { arch: 'x64', type: 'Client', minVer: '10.00.0000.0', maxVer: '10.99.9999.9999' }, loc: { line: 72, column: 17 },
  });
});

test('Run Task Sequence is its own node kind', () => {
  const { seq } = read(fixture('configmgr-sequence.xml'));
  const sub = group(seq, 0).children[2] as SubTaskSequenceNode;
  assert.equal(sub.kind, 'subtasksequence');
  assert.equal(sub.defaultVarList?.[1].value, 'LAB00031');
});

test('MDT ts.xml: untyped steps, startIn, successCodes, empty condition and action, expand', () => {
  const { seq, problems } = read(fixture('mdt-ts.xml'));
  assert.deepEqual(problems, []);
  assert.deepEqual([seq.version, seq.name, seq.description], ['3.00', 'Lab Client Task Sequence', 'A lab client sequence']);
  const init = group(seq, 0);
  assert.deepEqual([init.action, init.attributes], ['', { expand: 'true' }]);
  const install = group(seq, 1);
  assert.deepEqual(install.condition?.children, []);
  assert.equal(install.action, '');
  const next = step(install, 0);
  assert.equal(next.type, undefined);
  assert.equal(next.startIn, '%SCRIPTROOT%');
  const cleanup = step(install, 1);
  assert.deepEqual([cleanup.disable, cleanup.successCodeList, cleanup.successCodes], [false, '0', '0 3010']);
  assert.deepEqual(cleanup.condition?.children, []);
  const placeholder = group(seq, 2);
  assert.deepEqual([placeholder.children, placeholder.disable], [[], true]);
});

test('typed attributes that do not parse are errors and kept verbatim', () => {
  const { seq, problems } = read('<sequence version="3.10"><group name="G"><step name="S" disable="yes" timeout="9x" retryCount="1" hidden="x"><defaultVarList><variable name="V" hidden="maybe">1</variable></defaultVarList></step></group></sequence>');
  const s = step(group(seq, 0), 0);
  assert.equal(s.disable, undefined);
  assert.deepEqual(s.attributes, { disable: 'yes', timeout: '9x', hidden: 'x' });
  assert.equal(s.retryCount, 1);
  assert.deepEqual(s.defaultVarList?.[0].attributes, { hidden: 'maybe' });
  assert.deepEqual(problems.map((p) => [p.code, p.path, p.field, p.line]), [
    ['invalid-boolean', 'G/S', 'disable', 1], ['invalid-integer', 'G/S', 'timeout', 1], ['invalid-boolean', 'G/S', 'hidden', 1],
  ]);
});

test('unknown elements are kept in extra; unknown condition elements are errors', () => {
  const { seq, problems } = read('<sequence version="3.10"><note a="1">x<b>y</b></note><step name="S"><condition><magic/></condition><action>a</action><action>b</action></step></sequence>');
  assert.deepEqual(seq.extra, [{ element: 'note', attributes: { a: '1' }, text: 'x', children: [{ element: 'b', text: 'y' }] }]);
  const s = step(seq, 0);
  assert.equal(s.action, 'a');
  assert.deepEqual(s.extra, [{ element: 'action', text: 'b' }]);
  assert.deepEqual(problems.map((p) => [p.severity, p.code]), [['error', 'unknown-condition-element'], ['warning', 'duplicate-element']]);
});

test('a sequence without a version reads as version ""', () => {
  assert.equal(read('<sequence/>').seq.version, '');
});
