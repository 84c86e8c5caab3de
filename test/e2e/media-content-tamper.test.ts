/**
 * Content on protected media is not encrypted, but the policy that carries its SHA-256 manifest is authenticated: a
 * content file replaced by other bytes of the same size is refused before anything happens, also when a manifest
 * that matches the new bytes is put on the media beside it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workDir, writeFixture } from '../support/harness.ts';
import { buildMedia, filesUnder, PASSWORD, runMedia, writeContent, writePasswordFile } from '../support/media-fixtures.ts';
import { command, sequence } from '../support/sequence-builder.ts';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function protectedMedia(): Promise<{ dir: string; out: string; password: string }> {
  const dir = workDir();
  const out = join(dir, 'usb');
  const file = writeFixture(dir, 'ts.xml', sequence([command('Install app', 'setup.cmd', { packageId: 'LAB00012' })], { references: ['LAB00012'] }));
  const password = writePasswordFile(dir);
  const built = await buildMedia(file, out, ['--content', writeContent(dir), '--password-file', password]);
  assert.equal(built.code, 0, built.stderr);
  return { dir, out, password };
}

/** The state folder: every small file's bytes, the size and mtime of large seed files and of the disk image. */
function stateSnapshot(state: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of filesUnder(state)) out[f] = statSync(f).size < 64 * 1024 * 1024 ? sha256(readFileSync(f)) : `${statSync(f).size} ${statSync(f).mtimeMs}`;
  const disks = join(state, 'machine', 'disks', 'disk0.img');
  out[disks] = `${statSync(disks).size} ${statSync(disks).mtimeMs}`;
  return out;
}

function sameSizeOtherBytes(path: string): Buffer {
  const changed = Buffer.from(readFileSync(path));
  changed[changed.length >> 1] ^= 0x5a;
  writeFileSync(path, changed);
  return changed;
}

test('a same-size replacement of a content file on protected media is refused before anything happens, naming it', async () => {
  const { dir, out, password } = await protectedMedia();
  const first = await runMedia(out, dir, ['--password-file', password, '--machine', 'bios-desktop']);
  assert.equal(first.code, 0, first.out);
  const before = stateSnapshot(first.state);

  const target = join(out, 'content', 'LAB00012', 'sub', 'data-a.bin');
  sameSizeOtherBytes(target);
  const r = await runMedia(out, dir, ['--password-file', password, '--machine', 'bios-desktop']);
  assert.equal(r.code, 2, r.out);
  const refusal = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.equal(refusal.status, 'invalid');
  assert.ok(refusal.message.includes(target), refusal.message);
  assert.deepEqual(refusal.problems.map((p: { code: string; file: string; message: string }) => [p.code, p.file, p.message]), [
    ['media-content', target, "content/LAB00012/sub/data-a.bin does not match the SHA-256 in the media's manifest: it was changed after the media was built"],
  ]);
  assert.deepEqual(stateSnapshot(r.state), before, 'nothing in the state folder or on the simulated disks changed');
  assert.ok(!r.out.includes(PASSWORD));
});

test('a replaced content file with a manifest that matches it is still refused: the manifest that counts is sealed', async () => {
  const { dir, out, password } = await protectedMedia();
  const target = join(out, 'content', 'LAB00012', 'sub', 'data-b.bin');
  const changed = sameSizeOtherBytes(target);
  // A plain policy beside the sealed one, listing the new bytes: a protected media never reads it.
  const forged = {
    mediaType: 'FullMedia', sequence: { file: 'sequence.xml', sha256: sha256(Buffer.from('<sequence/>')) }, variables: [],
    packages: [{ id: 'LAB00012', files: [{ path: 'sub/data-b.bin', size: changed.length, sha256: sha256(changed) }] }],
  };
  writeFileSync(join(out, 'policy.json'), JSON.stringify(forged));
  writeFileSync(join(out, 'sequence.xml'), '<sequence/>');
  const r = await runMedia(out, dir, ['--password-file', password]);
  assert.equal(r.code, 2, r.out);
  assert.match(r.out, /data-b\.bin does not match the SHA-256 in the media's manifest/);

  // Changing the sealed policy itself (to carry another manifest) fails its authentication.
  const sealed = readFileSync(join(out, 'policy.enc'));
  sealed[sealed.length - 20] ^= 0x01;
  writeFileSync(join(out, 'policy.enc'), sealed);
  const s = await runMedia(out, dir, ['--password-file', password]);
  assert.equal(s.code, 2, s.out);
  assert.match(s.out, /policy\.enc: cannot open the media: the password is wrong, or taskseq-media\.json or policy\.enc was changed/);
  for (const refused of [r, s]) {
    assert.equal(statSync(refused.state, { throwIfNoEntry: false }), undefined, 'no state folder');
    assert.equal(statSync(refused.logs, { throwIfNoEntry: false }), undefined, 'no log');
  }
});
