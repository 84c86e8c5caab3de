import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MASK } from '../../../variables/index.ts';
import { formatCommandLine, quoteShellWord } from './command-line.ts';

test('plain words stay as they are; others are single-quoted the way a POSIX shell reads them back', () => {
  assert.equal(formatCommandLine(['mkfs.ntfs', '--quick', '--label', 'Windows', '/dev/loop3']), 'mkfs.ntfs --quick --label Windows /dev/loop3');
  assert.equal(formatCommandLine(['echo', 'two words', '', "it's", '$HOME', 'a*b']), `echo 'two words' '' 'it'\\''s' '$HOME' 'a*b'`);
  assert.equal(quoteShellWord('a\nb'), "'a\nb'");
});

test('every secret value is masked, whole arguments and inside arguments alike', () => {
  const line = formatCommandLine(['net', 'use', 'p@ss word', '--password=p@ss word', 'user=admin'], ['p@ss word', '']);
  assert.equal(line, `net use '${MASK}' '--password=${MASK}' user=admin`);
  assert.ok(!line.includes('p@ss'));
});

test('a secret holding a quote is masked before quoting, so no escaped form of it is left', () => {
  const line = formatCommandLine(["--key=a'b"], ["a'b"]);
  assert.equal(line, `'--key=${MASK}'`);
});
