import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../engine/index.ts';
import { isIsoTime, manifestPathProblem, parseHeader, parsePolicy, sourceUrlProblem } from './read-media-documents.ts';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const policy = (extra: object = {}) => ({
  mediaType: 'FullMedia', sequence: { file: 'sequence.xml', sha256: 'a'.repeat(64) }, variables: [],
  packages: [{ id: 'LAB00012', files: [{ path: 'sub/setup.cmd', size: 3, sha256: 'b'.repeat(64) }] }], ...extra,
});
const fields = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InvalidInputError);
    return e.problems.map((p) => p.field);
  }
  return [];
};

test('manifest paths stay inside their package', () => {
  for (const p of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\b', 'a//b', './a', 'a:stream', '']) assert.ok(manifestPathProblem(p), p);
  for (const p of ['setup.cmd', 'sources/install.wim', 'a b/c.txt']) assert.equal(manifestPathProblem(p), undefined, p);
});

test('a policy is refused with every bad field', () => {
  assert.deepEqual(fields(() => parsePolicy(json(policy()), 'policy.json')), []);
  assert.deepEqual(fields(() => parsePolicy(json(policy({
    mediaType: 'PXE', variables: [{ name: 'X' }], validUntil: 'next year', sources: ['ftp://x'],
    packages: [{ id: '../LAB', files: [] }, { id: 'LAB1', files: [{ path: '../evil', size: -1, sha256: 'x' }] }],
  })), 'policy.json')), ['mediaType', 'variables/0', 'packages/0', 'packages/1/files/0/path', 'packages/1/files/0/size', 'packages/1/files/0/sha256', 'validUntil', 'sources']);
  assert.deepEqual(fields(() => parsePolicy(Buffer.from('{not json'), 'policy.json')), [undefined]);
});

test('a header is refused with every bad field', () => {
  const good = { format: 'taskseq-media', version: 1, mediaType: 'BootMedia', created: '2026-05-01T08:00:00.000Z', part: { number: 1, count: 1, setId: 's' }, protection: null };
  assert.equal(parseHeader(json(good), 'h').mediaType, 'BootMedia');
  assert.deepEqual(fields(() => parseHeader(json({ ...good, version: 2, part: { number: 3, count: 2, setId: 's' }, protection: { kdf: 'scrypt', N: 2 ** 30, r: 8, p: 1, salt: 'AAAAAAAAAAA=', cipher: 'aes-256-gcm' } }), 'h')), ['version', 'part', 'protection']);
});

test('times and source URLs', () => {
  assert.ok(isIsoTime('2026-05-01') && isIsoTime('2026-05-01T08:00:00Z') && isIsoTime('2026-05-01T08:00+02:00'));
  assert.ok(!isIsoTime('2026-05-01T08:00:00') && !isIsoTime('May 1') && !isIsoTime('2026-13-45'));
  assert.equal(sourceUrlProblem('https://dp.lab.example/taskseq'), undefined);
  assert.match(sourceUrlProblem('https://dp.lab.example/taskseq/') ?? '', /must not end/);
  assert.match(sourceUrlProblem('file:///x') ?? '', /http/);
  assert.match(sourceUrlProblem('https://u:p@dp/x') ?? '', /user name/);
});
