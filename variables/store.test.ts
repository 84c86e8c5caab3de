import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VariableStore, VariableError, MASK, checkName, isReadOnlyName, registerSecretNames } from './index.ts';

// Secret by name: the step manifests declare these variables and a registry registers them at start.
registerSecretNames(['OSDJoinPassword']);

test('names are case-insensitive and keep the first spelling', () => {
  const v = new VariableStore();
  v.set('OSDComputerName', 'PC1');
  v.set('osdcomputername', 'PC2');
  assert.equal(v.get('OSDCOMPUTERNAME'), 'PC2');
  assert.deepEqual(v.list().map((x) => x.name), ['OSDComputerName']);
});

test('an empty value deletes', () => {
  const v = new VariableStore();
  v.set('A', '1');
  v.set('A', '');
  assert.equal(v.has('A'), false);
  assert.equal(v.get('A'), undefined);
});

test('steps cannot write _ names; the engine can; branding names are writable', () => {
  const v = new VariableStore();
  assert.throws(() => v.set('_SMSTSInWinPE', 'false'), (e: unknown) => e instanceof VariableError && e.code === 'read-only-variable' && /read-only/.test(e.message));
  v.set('_SMSTSInWinPE', 'true', { writer: 'engine' });
  assert.equal(v.get('_smstsinwinpe'), 'true');
  v.set('_SMSTSOrgName', 'Lab');
  assert.equal(isReadOnlyName('_SMSTSOrgName'), false);
});

test('names and values within the documented limits', () => {
  assert.equal(checkName('OSDPartitions0Type'), undefined);
  assert.equal(checkName('2PintLicense'), undefined); // seen in real exports
  assert.match(checkName('has space') ?? '', /not a valid variable name/);
  assert.match(checkName('-dash') ?? '', /not a valid/);
  assert.match(checkName('x'.repeat(257)) ?? '', /at most 256/);
  const v = new VariableStore();
  assert.throws(() => v.set('Big', 'x'.repeat(4002)), /at most 4001/);
  v.set('_SMSTSTaskSequence', 'x'.repeat(10000), { writer: 'engine' });
});

test('expansion is one pass, unknown names stay as typed', () => {
  const v = new VariableStore();
  v.set('Drive', 'C:');
  v.set('Loop', '%Drive%');
  assert.equal(v.expand('%Drive%\\Windows %Unknown% %windir% 100%').text, 'C:\\Windows %Unknown% %windir% 100%');
  assert.equal(v.expand('%Loop%').text, '%Drive%');
});

test('local defaults apply while a global of the same name does not exist', () => {
  const v = new VariableStore();
  v.setLocals([{ name: 'CommandLine', value: 'default.exe' }, { name: 'Other', value: 'o' }]);
  assert.equal(v.get('CommandLine'), 'default.exe');
  v.set('CommandLine', 'global.exe');
  assert.equal(v.get('CommandLine'), 'global.exe');
  v.clearLocals();
  assert.equal(v.get('Other'), undefined);
  assert.equal(v.get('CommandLine'), 'global.exe');
});

test('secrets stay secret through expansion and are redacted by value', () => {
  const v = new VariableStore();
  v.set('Pwd', 'S3cret!', { secret: true });
  v.set('OSDJoinPassword', 'JoinPw'); // secret by name
  const e = v.expand('net use /user:x %Pwd%');
  assert.equal(e.secret, true);
  assert.equal(v.redact(`pw=S3cret! join=JoinPw`), `pw=${MASK} join=${MASK}`);
  assert.equal(v.isSecret('OSDJoinPassword'), true);
  assert.deepEqual(v.toRedactedRecord(), { OSDJoinPassword: MASK, Pwd: MASK });
  // A later non-secret write keeps the value secret, and a changed value stays redacted too.
  v.set('Pwd', 'Other1');
  assert.equal(v.isSecret('Pwd'), true);
  assert.equal(v.redact('S3cret! Other1'), `${MASK} ${MASK}`);
});

test('snapshot seals secrets and restore opens them', () => {
  const v = new VariableStore();
  v.set('A', '1');
  v.set('P', 'pw', { secret: true });
  const snap = v.snapshot((s) => `sealed(${s.length})`);
  assert.deepEqual(snap.vars.find((x) => x.name === 'P'), { name: 'P', value: 'sealed(2)', secret: true });
  assert.equal(JSON.stringify(v.snapshot()).includes('pw'), false);
  const r = VariableStore.restore(snap, () => 'pw');
  assert.equal(r.get('P'), 'pw');
  assert.equal(r.isSecret('P'), true);
});

test('listeners see every change once with the writer', () => {
  const v = new VariableStore();
  const seen: string[] = [];
  v.onChange((c) => seen.push(`${c.writer}:${c.name}=${c.value ?? '<deleted>'}`));
  v.set('A', '1');
  v.set('A', '1');
  v.set('_X', '2', { writer: 'engine' });
  v.delete('A');
  assert.deepEqual(seen, ['step:A=1', 'engine:_X=2', 'step:A=<deleted>']);
});

test('a value that carries a secret becomes secret itself', () => {
  const v = new VariableStore();
  v.set('Pwd', 'S3cret!', { secret: true });
  v.set('Output', 'login with S3cret! ok');
  v.set('Copy', 'S3cret!');
  assert.equal(v.isSecret('Output'), true);
  assert.equal(v.isSecret('Copy'), true);
  assert.equal(JSON.stringify(v.snapshot()).includes('S3cret!'), false);
});
