import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TaskseqError } from '../../engine/problems.ts';
import { VariableStore } from '../../variables/index.ts';
import { createSecretSealer } from './secret-sealer.ts';

const SECRET = 'P@ssw0rd-Ünïcødé-42';

function tempKey(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskseq-sealer-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'state', 'journal.key');
}

/** Asserts a journal-mismatch whose message leaks neither the sealed nor the clear value. */
function assertCannotOpen(fn: () => unknown, ...mustNotContain: string[]): TaskseqError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TaskseqError, String(e));
    assert.equal(e.code, 'journal-mismatch');
    assert.match(e.message, /secrets cannot be opened with the key file/);
    for (const s of mustNotContain) assert.equal(e.message.includes(s), false, 'message leaks a value');
    return e;
  }
  assert.fail('expected a journal-mismatch error');
}

test('a sealed value round-trips and never contains the secret', (t) => {
  const sealer = createSecretSealer(tempKey(t));
  const sealed = sealer.seal(SECRET);
  assert.match(sealed, /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
  assert.equal(sealed.includes(SECRET), false);
  assert.equal(sealed.includes(Buffer.from(SECRET).toString('base64')), false);
  assert.equal(sealer.open(sealed), SECRET);
  assert.equal(sealer.open(sealer.seal('')), '');
});

test('each seal uses a fresh IV, so equal secrets seal differently', (t) => {
  const sealer = createSecretSealer(tempKey(t));
  assert.notEqual(sealer.seal(SECRET), sealer.seal(SECRET));
});

test('another sealer on the same key file opens the value (resume after reboot)', (t) => {
  const keyFile = tempKey(t);
  const sealed = createSecretSealer(keyFile).seal(SECRET);
  assert.equal(createSecretSealer(keyFile).open(sealed), SECRET);
});

test('the key file is 32 bytes, mode 0600, created with its folder on first seal', { skip: process.platform === 'win32' }, (t) => {
  const keyFile = tempKey(t);
  const sealer = createSecretSealer(keyFile);
  assert.equal(fs.existsSync(keyFile), false);
  sealer.seal(SECRET);
  const stat = fs.statSync(keyFile);
  assert.equal(stat.size, 32);
  assert.equal(stat.mode & 0o777, 0o600);
});

test('tampering with any part of a sealed value is detected without leaking it', (t) => {
  const sealer = createSecretSealer(tempKey(t));
  const sealed = sealer.seal(SECRET);
  const parts = sealed.split(':');
  for (let i = 1; i < 4; i++) {
    const raw = Buffer.from(parts[i], 'base64');
    raw[0] ^= 0x01;
    const altered = [...parts.slice(0, i), raw.toString('base64'), ...parts.slice(i + 1)].join(':');
    assertCannotOpen(() => sealer.open(altered), altered, SECRET);
  }
  for (const bad of ['', 'v2:' + parts.slice(1).join(':'), parts.slice(0, 3).join(':'), `v1:${parts[1]}:!!:${parts[3]}`]) {
    assertCannotOpen(() => sealer.open(bad), SECRET);
  }
});

test('a wrong key is refused without leaking the value', (t) => {
  const sealed = createSecretSealer(tempKey(t)).seal(SECRET);
  const other = createSecretSealer(tempKey(t));
  other.seal('make the other key');
  assertCannotOpen(() => other.open(sealed), sealed, SECRET);
});

test('a missing or malformed key file is refused on open', (t) => {
  const keyFile = tempKey(t);
  const sealed = createSecretSealer(keyFile).seal(SECRET);
  fs.rmSync(keyFile);
  assert.match(assertCannotOpen(() => createSecretSealer(keyFile).open(sealed), sealed, SECRET).message, /missing/);
  assert.equal(fs.existsSync(keyFile), false, 'open must not invent a new key');
  fs.writeFileSync(keyFile, 'short');
  assert.match(assertCannotOpen(() => createSecretSealer(keyFile).open(sealed), sealed, SECRET).message, /5 bytes/);
});

test('fits the variable store: a snapshot holds no clear secret and restores it', (t) => {
  const sealer = createSecretSealer(tempKey(t));
  const vars = new VariableStore();
  vars.set('OSDJoinPassword', SECRET, { secret: true });
  vars.set('OSDComputerName', 'PC-0042');
  const snap = vars.snapshot((v) => sealer.seal(v));
  assert.equal(JSON.stringify(snap).includes(SECRET), false);
  const back = VariableStore.restore(snap, (s) => sealer.open(s));
  assert.equal(back.get('OSDJoinPassword'), SECRET);
  assert.equal(back.isSecret('OSDJoinPassword'), true);
  assert.equal(back.get('OSDComputerName'), 'PC-0042');
});
