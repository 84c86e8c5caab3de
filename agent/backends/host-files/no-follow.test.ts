/** Real symbolic links in a volume folder: writes, reads, listings, walks and removals never go through them. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findEntry, listNames, putFile, putFolder, readText, removeEntry, usedBytesOf } from './volume-files.ts';
import { tempDir } from '../simulated/test-support/test-machine.ts';
import { copyFileNoFollow, walkNoFollow } from './no-follow.ts';

/** A volume folder and, beside it, a host folder with one file that must never change. */
function setup(t: { after(fn: () => void): void }) {
  const dir = tempDir(t);
  const volume = join(dir, 'volume');
  const outside = join(dir, 'outside');
  mkdirSync(join(volume, 'Windows'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'hosts'), 'host file\n');
  return { volume, outside };
}

const linkRefusal = (what: string, link: string) => ({
  code: 'unsupported', message: `cannot write ${what}: ${link} is a symbolic link, which taskseq does not follow on any machine`,
});

test('a write below a linked folder (Windows\\Panther -> host) is refused and nothing lands outside', (t) => {
  const { volume, outside } = setup(t);
  symlinkSync(outside, join(volume, 'Windows', 'Panther'));
  assert.throws(() => putFile(volume, ['Windows', 'Panther', 'unattend.xml'], { content: '<unattend/>' }),
    linkRefusal('Windows\\Panther\\unattend.xml', 'Windows\\Panther'));
  assert.throws(() => putFolder(volume, ['windows', 'panther', 'x']), linkRefusal('windows\\panther\\x', 'Windows\\Panther'));
  assert.deepEqual(readdirSync(outside), ['hosts']);
});

test('a write onto a link to a host file is refused; the host file keeps its content', (t) => {
  const { volume, outside } = setup(t);
  symlinkSync(join(outside, 'hosts'), join(volume, 'Windows', 'setup.log'));
  assert.throws(() => putFile(volume, ['Windows', 'setup.log'], { sizeBytes: 10 }), linkRefusal('Windows\\setup.log', 'Windows\\setup.log'));
  assert.throws(() => copyFileNoFollow(volume, join(outside, 'hosts'), join(volume, 'Windows', 'setup.log'), 'driver file'),
    linkRefusal('driver file', 'Windows\\setup.log'));
  assert.equal(readFileSync(join(outside, 'hosts'), 'utf8'), 'host file\n');
});

test('reads, listings, sizes and walks do not go through links; a removal removes the link only', (t) => {
  const { volume, outside } = setup(t);
  writeFileSync(join(outside, 'big.bin'), Buffer.alloc(64 * 1024));
  symlinkSync(outside, join(volume, 'Windows', 'System32'));
  symlinkSync(join(outside, 'hosts'), join(volume, 'hosts-link'));
  symlinkSync(join(outside, 'missing'), join(volume, 'dangling'));
  writeFileSync(join(volume, 'Windows', 'explorer.exe'), 'explorer\n');
  assert.equal(readText(volume, ['hosts-link']), undefined);
  assert.equal(readText(volume, ['Windows', 'System32', 'hosts']), undefined);
  assert.equal(findEntry(volume, ['Windows', 'System32', 'hosts']), undefined, 'nothing is found below a link');
  assert.ok(findEntry(volume, ['Windows', 'System32']), 'the link itself is an entry');
  assert.deepEqual(listNames(volume, ['Windows', 'System32']), []);
  const walked = walkNoFollow(volume).map((e) => `${e.path.slice(volume.length + 1)}:${e.kind}`);
  assert.deepEqual(walked, ['Windows:folder', 'Windows/System32:link', 'Windows/explorer.exe:file', 'dangling:link', 'hosts-link:link']);
  assert.ok(usedBytesOf(volume) < 1024, 'the host files are not counted');
  assert.ok(removeEntry(volume, ['Windows']));
  assert.ok(removeEntry(volume, ['hosts-link']));
  assert.deepEqual(readdirSync(outside).sort(), ['big.bin', 'hosts']);
  assert.ok(existsSync(join(outside, 'hosts')));
});
