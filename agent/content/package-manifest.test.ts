import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../engine/index.ts';
import { assertManifests, checkManifests, manifestPathProblem } from './package-manifest.ts';

const file = (path: string) => ({ path, size: 1, sha256: 'a'.repeat(64) });

test('plain relative paths pass', () => {
  for (const p of ['install.wim', 'sources/install.wim', 'a b/c.d', 'x/.hidden']) assert.equal(manifestPathProblem(p), undefined, p);
});

test('traversal, absolute paths, drive letters and backslash tricks are refused', () => {
  const refused = ['../secret', 'a/../../b', '/etc/passwd', 'C:/Windows/x', 'c:x', '..\\..\\x', 'a\\b', 'a//b', './a',
    'a/./b', '', 'sources/x:stream', 'con./x', 'a\u0000b'];
  for (const p of refused) assert.notEqual(manifestPathProblem(p), undefined, p);
});

test('problems name the manifest, the package and the entry', () => {
  const where = 'http://127.0.0.1:1/taskseq-source.json';
  const problems = checkManifests([{ id: 'LAB00012', files: [file('ok.txt'), file('../../evil.cmd')] }], where);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].file, where);
  assert.equal(problems[0].field, 'packages/0/files/1/path');
  assert.match(problems[0].message, /package LAB00012: entry "\.\.\/\.\.\/evil\.cmd" is refused: "\.\." segments/);
  assert.throws(() => assertManifests([{ id: 'LAB00012', files: [file('C:/x')] }], where),
    (e: unknown) => e instanceof InvalidInputError && /taskseq-source\.json.*LAB00012.*"C:\/x".*drive letters/.test(e.message));
});

test('the same file twice (case-insensitively) and the same package twice are refused', () => {
  const problems = checkManifests([
    { id: 'LAB00012', files: [file('Setup.exe'), file('setup.EXE')] },
    { id: 'lab00012', files: [] },
  ], 'policy.json');
  assert.deepEqual(problems.map((p) => p.field), ['packages/0/files/1/path', 'packages/1']);
});
