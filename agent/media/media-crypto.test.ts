import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveKey, newProtection, openSealed, protectionProblem, sealFile } from './media-crypto.ts';

// A small cost keeps the test fast; the reader accepts it (the header decides, and the header is authenticated).
const protection = newProtection({ N: 2 ** 10, r: 8, p: 1 });
const header = Buffer.from('{"format":"taskseq-media"}\n');
const key = deriveKey('correct horse', protection);

test('a sealed file opens with the same key, header and name', () => {
  const sealed = sealFile(key, header, 'policy.enc', Buffer.from('{"secret":"Clear-Text-1"}'));
  assert.ok(!sealed.includes(Buffer.from('Clear-Text-1')));
  assert.equal(sealed.subarray(0, 4).toString(), 'TSQE');
  const r = openSealed(key, header, 'policy.enc', sealed);
  assert.ok(r.ok);
  assert.equal(r.bytes.toString(), '{"secret":"Clear-Text-1"}');
  // Each file gets its own IV: the same clear text seals differently.
  assert.notDeepEqual(sealFile(key, header, 'policy.enc', Buffer.from('x')), sealFile(key, header, 'policy.enc', Buffer.from('x')));
});

test('a wrong password, a changed header, a swapped name or a changed byte fail authentication', () => {
  const sealed = sealFile(key, header, 'policy.enc', Buffer.from('policy'));
  const reason = (r: ReturnType<typeof openSealed>) => (r.ok ? 'opened' : r.reason);
  assert.equal(reason(openSealed(deriveKey('wrong horse', protection), header, 'policy.enc', sealed)), 'authentication');
  assert.equal(reason(openSealed(key, Buffer.from('{"format":"taskseq-media"} \n'), 'policy.enc', sealed)), 'authentication');
  assert.equal(reason(openSealed(key, header, 'sequence.enc', sealed)), 'authentication');
  const flipped = Buffer.from(sealed);
  flipped[20] ^= 1;
  assert.equal(reason(openSealed(key, header, 'policy.enc', flipped)), 'authentication');
  assert.equal(reason(openSealed(key, header, 'policy.enc', sealed.subarray(0, sealed.length - 1))), 'authentication');
  assert.equal(reason(openSealed(key, header, 'policy.enc', sealed.subarray(0, 20))), 'truncated');
  assert.equal(reason(openSealed(key, header, 'policy.enc', Buffer.from('{"mediaType":"FullMedia"}'))), 'not-sealed');
});

test('protection parameters are bounded before any work is done', () => {
  assert.equal(protectionProblem(newProtection()), undefined);
  assert.match(protectionProblem({ ...protection, N: 3 }) ?? '', /power of two/);
  assert.match(protectionProblem({ ...protection, N: 2 ** 24 }) ?? '', /power of two/);
  assert.match(protectionProblem({ ...protection, r: 32, p: 16, N: 2 ** 20 }) ?? '', /MiB/);
  assert.match(protectionProblem({ ...protection, cipher: 'aes-128-cbc' as 'aes-256-gcm' }) ?? '', /unsupported/);
  assert.match(protectionProblem({ ...protection, salt: '' }) ?? '', /salt/);
});
