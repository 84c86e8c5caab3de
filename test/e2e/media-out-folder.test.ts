/**
 * `taskseq media build --out` writes into the folder it is given and never removes or renames it: a USB stick's root
 * or a mount point is the documented target. A non-empty folder is replaced only when it holds a media and --force
 * is given; anything else there is refused and left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workDir, writeFixture } from '../support/harness.ts';
import { buildMedia, filesUnder, runMedia, writeContent } from '../support/media-fixtures.ts';
import { command, sequence, setVariable } from '../support/sequence-builder.ts';

const MEDIA_FILES = ['content/LAB00012/setup.cmd', 'content/LAB00012/sub/data-a.bin', 'content/LAB00012/sub/data-b.bin', 'policy.json', 'sequence.xml', 'taskseq-media.json'];

function fixture(): { dir: string; file: string; content: string } {
  const dir = workDir();
  const install = command('Install app', 'setup.cmd', { packageId: 'LAB00012' });
  const file = writeFixture(dir, 'ts.xml', sequence([install, setVariable('Done', 'Stage', 'Installed')], { references: ['LAB00012'] }));
  return { dir, file, content: writeContent(dir) };
}

const relativeFiles = (out: string) => filesUnder(out).map((f) => f.slice(out.length + 1)).sort();

test('media build into an existing empty folder keeps the folder and leaves no staging behind', async () => {
  const { dir, file, content } = fixture();
  const out = join(dir, 'usb');
  mkdirSync(out);
  const inode = statSync(out).ino;
  const r = await buildMedia(file, out, ['--content', content]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(statSync(out).ino, inode, 'the same folder, not a renamed one');
  assert.deepEqual(relativeFiles(out), MEDIA_FILES);
  assert.deepEqual(readdirSync(out).filter((n) => n.startsWith('.')), []);
  assert.equal((await runMedia(out, dir, ['--machine', 'bios-desktop'])).code, 0);
});

test('media build into a mount point (tmpfs)', async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('mounting a tmpfs needs root');
    return;
  }
  const { dir, file, content } = fixture();
  const mnt = join(dir, 'mnt');
  mkdirSync(mnt);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'none', mnt], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    t.skip(`cannot mount a tmpfs here: ${mounted.stderr.trim()}`);
    return;
  }
  try {
    const r = await buildMedia(file, mnt, ['--content', content]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(relativeFiles(mnt), MEDIA_FILES);
    const again = await buildMedia(file, mnt, ['--content', content, '--force']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(relativeFiles(mnt), MEDIA_FILES);
  } finally {
    spawnSync('umount', [mnt]);
  }
});

test('a folder holding a media is replaced only with --force, file by file, keeping the folder', async () => {
  const { dir, file, content } = fixture();
  const out = join(dir, 'usb');
  assert.equal((await buildMedia(file, out, ['--content', content, '--part-size', '2000'])).code, 0);
  const before = relativeFiles(out);
  const refused = await buildMedia(file, out, ['--content', content]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, new RegExp(`--out ${out}: the folder holds a taskseq media: add --force to replace what is in it`));
  assert.deepEqual(relativeFiles(out), before, 'nothing changed without --force');

  const inode = statSync(out).ino;
  writeFileSync(join(out, 'stale.txt'), 'left by hand next to the media');
  const forced = await buildMedia(file, out, ['--content', content, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(statSync(out).ino, inode);
  assert.deepEqual(relativeFiles(out), MEDIA_FILES, 'the parts and the stray file are gone');
});

test('a folder an interrupted build left (its staging folder) counts as media for --force', async () => {
  const { dir, file, content } = fixture();
  const out = join(dir, 'usb');
  mkdirSync(join(out, '.taskseq-building-4242', 'content'), { recursive: true });
  writeFileSync(join(out, 'policy.json'), '{}');
  assert.equal((await buildMedia(file, out, ['--content', content])).code, 2);
  const forced = await buildMedia(file, out, ['--content', content, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.deepEqual(relativeFiles(out), MEDIA_FILES);
});

test('a non-empty folder without a media is refused, with or without --force, and nothing in it is deleted', async () => {
  const { dir, file, content } = fixture();
  const out = join(dir, 'photos');
  mkdirSync(join(out, 'holiday'), { recursive: true });
  writeFileSync(join(out, 'holiday', 'beach.jpg'), 'jpeg bytes');
  writeFileSync(join(out, 'notes.txt'), 'keep me');
  for (const extra of [[], ['--force']]) {
    const r = await buildMedia(file, out, ['--content', content, ...extra]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^taskseq: taskseq media build: --out ${out}: the folder is not empty and holds no taskseq media`, 'm'));
    assert.deepEqual(relativeFiles(out), ['holiday/beach.jpg', 'notes.txt']);
    assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'keep me');
  }
});

test('a volume root that only holds the file system\'s own folders counts as empty, and they stay', async () => {
  const { dir, file, content } = fixture();
  const out = join(dir, 'stick');
  mkdirSync(join(out, 'lost+found'), { recursive: true });
  const r = await buildMedia(file, out, ['--content', content]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(out, 'lost+found')));
  assert.equal((await buildMedia(file, out, ['--content', content, '--force'])).code, 0);
  assert.ok(existsSync(join(out, 'lost+found')));
});

test('a failed build into an existing folder leaves the folder as it was', async () => {
  const { dir, file } = fixture();
  const out = join(dir, 'usb');
  mkdirSync(out);
  const r = await buildMedia(file, out, ['--content', join(dir, 'content', 'LAB00099')]);
  assert.equal(r.code, 2);
  assert.ok(existsSync(out));
  assert.deepEqual(readdirSync(out), []);
});
