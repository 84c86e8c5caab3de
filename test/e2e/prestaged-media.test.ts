/**
 * Media with a deployment source: prestaged content on the media is verified first and what was changed is fetched;
 * boot media take their package manifests and content from the source.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workDir, writeFixture } from '../support/harness.ts';
import { buildMedia, runMedia, writeContent } from '../support/media-fixtures.ts';
import { command, sequence } from '../support/sequence-builder.ts';
import { hasNginx, startNginx, type Nginx } from '../support/nginx.ts';
import { sourceRoot, writePackage, writeSourceDocument } from '../../agent/content/test-support/source-fixtures.ts';

const skip = hasNginx() ? false : 'nginx is not installed';
let nginx: Nginx;
const root = sourceRoot();
const dir = workDir();
const content = writeContent(dir);
const SEQUENCE = sequence([command('Install app', 'setup.cmd', { packageId: 'LAB00012' })], { references: ['LAB00012'] });

before(async () => {
  if (skip) return;
  // The deployment source serves the same package the media was built from.
  const files = ['setup.cmd', 'sub/data-a.bin', 'sub/data-b.bin'];
  const manifest = writePackage(root, 'LAB00012', Object.fromEntries(files.map((f) => [f, readFileSync(join(content, 'LAB00012', ...f.split('/')))])));
  writeSourceDocument(root, SEQUENCE, [manifest]);
  nginx = await startNginx({ root });
});
after(async () => { await nginx?.stop(); });

test('prestaged media: a file modified on the media is downloaded again from the source and verified', { skip }, async () => {
  const file = writeFixture(dir, 'ts.xml', SEQUENCE);
  const out = join(dir, 'oem');
  const built = await buildMedia(file, out, ['--type', 'prestaged', '--content', content, '--source', nginx.url]);
  assert.equal(built.code, 0, built.stderr);
  writeFileSync(join(out, 'content', 'LAB00012', 'sub', 'data-b.bin'), Buffer.alloc(1500, 9));
  const r = await runMedia(out, workDir(), ['--machine', 'bios-desktop']);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.report!.variables._SMSTSMediaType, 'OEMMedia');
  assert.match(readFileSync(join(r.logs, 'smsts.log'), 'utf8'), /Package LAB00012 is ready \(downloaded from http:\/\/127\.0\.0\.1/);
});

test('boot media: the package manifests come from the deployment source, the content is downloaded and verified', { skip }, async () => {
  const file = writeFixture(dir, 'boot-ts.xml', SEQUENCE);
  const out = join(dir, 'boot');
  const built = await buildMedia(file, out, ['--type', 'boot', '--source', nginx.url]);
  assert.equal(built.code, 0, built.stderr);
  const r = await runMedia(out, workDir(), ['--machine', 'uefi-desktop']);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.report!.variables._SMSTSMediaType, 'BootMedia');
  assert.match(readFileSync(join(r.logs, 'smsts.log'), 'utf8'), /Package LAB00012 is ready \(downloaded from http:\/\/127\.0\.0\.1/);
});
