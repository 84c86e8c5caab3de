/** The resolver against a real nginx, with faults injected by a proxy between them. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskseqError } from '../../engine/index.ts';
import { hasNginx, startNginx, type Nginx } from '../../test/support/nginx.ts';
import { startFaultProxy, type FaultProxy } from '../../test/support/fault-proxy.ts';
import { createContentResolver, type ContentResolverOptions } from './content-resolver.ts';
import type { ContentProgress } from './content-progress.ts';
import type { PackageManifest } from './package-manifest.ts';
import { randomFile, sha256, sourceRoot, writePackage } from './test-support/source-fixtures.ts';

const skip = hasNginx() ? false : 'nginx is not installed';
const BIG = randomFile(2);
const root = sourceRoot();
const manifests: PackageManifest[] = [
  writePackage(root, 'LAB00012', { 'sources/install.wim': BIG, 'readme.txt': 'hello\n' }),
  writePackage(root, 'LAB00013', { 'tool.cmd': 'echo tool\n' }),
];
let nginx: Nginx;
let proxy: FaultProxy;

before(async () => {
  if (skip) return;
  nginx = await startNginx({ root });
  proxy = await startFaultProxy(nginx.port);
});
after(async () => {
  await proxy?.close();
  await nginx?.stop();
});

function resolver(extra: Partial<ContentResolverOptions> = {}) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'taskseq-cache-'));
  return createContentResolver({ cacheDir, sources: [proxy.url], manifests, retry: { count: 2, delayMs: 0 }, stallMs: 2000, ...extra });
}

function wimRequests() {
  return proxy.requests.filter((r) => r.path.endsWith('/install.wim'));
}

test('downloads every file of a package with the right bytes, then serves it from the cache', { skip }, async () => {
  proxy.requests.length = 0;
  const r = resolver();
  const events: ContentProgress[] = [];
  const summary = await r.stage(['lab00012'], (e) => events.push(e));
  const folder = r.port.resolve('LAB00012')!;
  assert.ok(readFileSync(join(folder, 'sources', 'install.wim')).equals(BIG));
  assert.equal(readFileSync(join(folder, 'readme.txt'), 'utf8'), 'hello\n');
  assert.equal(summary.packages[0].downloaded, BIG.length + 6);
  assert.ok(events.some((e) => e.kind === 'download' && e.received === BIG.length), 'progress reached the file size');
  assert.equal(proxy.requests.length, 2);
  const again = createContentResolver({ cacheDir: join(folder, '..'), sources: [proxy.url], manifests, retry: { count: 0, delayMs: 0 } });
  const second = await again.stage(['LAB00012']);
  assert.equal(second.packages[0].from, 'cache');
  assert.equal(proxy.requests.length, 2, 'verified from the cache: no request');
});

test('a connection dropped mid-file resumes with a Range request', { skip }, async () => {
  proxy.requests.length = 0;
  proxy.faults.push({ kind: 'drop', after: 700_000 });
  const r = resolver();
  await r.stage(['LAB00012']);
  assert.ok(readFileSync(join(r.port.resolve('LAB00012')!, 'sources', 'install.wim')).equals(BIG));
  const wim = wimRequests();
  assert.equal(wim.length, 2);
  assert.equal(wim[0].range, undefined);
  assert.match(wim[1].range ?? '', /^bytes=\d+-$/);
  assert.ok(Number(/=(\d+)-/.exec(wim[1].range!)![1]) > 0, 'resumed after the bytes already received');
});

test('a stalled transfer times out and is resumed', { skip }, async () => {
  proxy.requests.length = 0;
  proxy.faults.push({ kind: 'stall', after: 300_000 });
  const events: ContentProgress[] = [];
  const r = resolver({ stallMs: 300 });
  await r.stage(['LAB00012'], (e) => events.push(e));
  assert.ok(readFileSync(join(r.port.resolve('LAB00012')!, 'sources', 'install.wim')).equals(BIG));
  assert.ok(events.some((e) => e.kind === 'retry' && /stalled/.test(e.error)), JSON.stringify(events.filter((e) => e.kind === 'retry')));
  assert.match(wimRequests()[1].range ?? '', /^bytes=\d+-$/);
});

test('a corrupted transfer is never accepted: one re-download, then a failure naming both hashes', { skip }, async () => {
  proxy.requests.length = 0;
  proxy.faults.push({ kind: 'flip', at: 12345 });
  const r = resolver();
  await r.stage(['LAB00012']);
  assert.ok(readFileSync(join(r.port.resolve('LAB00012')!, 'sources', 'install.wim')).equals(BIG), 'the re-download was good');
  assert.equal(wimRequests().length, 2);

  proxy.requests.length = 0;
  proxy.faults.push({ kind: 'flip', at: 5 }, { kind: 'flip', at: 1_000_000 });
  const failing = resolver();
  await assert.rejects(failing.stage(['LAB00012']), (e: unknown) => {
    assert.ok(e instanceof TaskseqError && e.code === 'content-unavailable');
    assert.match(e.message, /package LAB00012 file sources\/install\.wim/);
    assert.match(e.message, new RegExp(`expected ${sha256(BIG)}, got [0-9a-f]{64}`));
    return true;
  });
  assert.equal(wimRequests().length, 2, 'exactly one re-download');
  assert.equal(failing.port.resolve('LAB00012'), undefined);
});

test('falls back to the next source when one fails', { skip }, async () => {
  const empty = sourceRoot();
  const other = await startNginx({ root: empty });
  try {
    const r = resolver({ sources: ['http://127.0.0.1:9', other.url, proxy.url] });
    const summary = await r.stage(['LAB00013']);
    assert.equal(summary.packages[0].from, proxy.url);
    assert.equal(readFileSync(join(r.port.resolve('LAB00013')!, 'tool.cmd'), 'utf8'), 'echo tool\n');
    assert.deepEqual(other.accessLog(), ['GET /content/LAB00013/tool.cmd 404 -'], 'a 404 is an answer: not retried');
  } finally {
    await other.stop();
  }
});

test('a modified cached file is downloaded again; valid files stay', { skip }, async () => {
  const r = resolver();
  await r.stage(['LAB00012']);
  const folder = r.port.resolve('LAB00012')!;
  writeFileSync(join(folder, 'readme.txt'), 'HELLO\n');
  proxy.requests.length = 0;
  const events: ContentProgress[] = [];
  const again = createContentResolver({ cacheDir: join(folder, '..'), sources: [proxy.url], manifests, retry: { count: 0, delayMs: 0 } });
  await again.stage(['LAB00012'], (e) => events.push(e));
  assert.equal(readFileSync(join(folder, 'readme.txt'), 'utf8'), 'hello\n');
  assert.deepEqual(proxy.requests.map((q) => q.path), ['/content/LAB00012/readme.txt']);
  assert.ok(events.some((e) => e.kind === 'file-invalid' && e.where === 'cache' && e.problem === 'hash'));
});

test('media content is verified before use: a valid copy is used in place, a modified file is fetched', { skip }, async () => {
  const media = mkdtempSync(join(tmpdir(), 'taskseq-media-'));
  writePackage(media, 'LAB00012', { 'sources/install.wim': BIG, 'readme.txt': 'hello\n' });
  proxy.requests.length = 0;
  const good = resolver({ mediaDirs: [join(media, 'content')] });
  assert.equal((await good.stage(['LAB00012'])).packages[0].from, 'media');
  assert.equal(good.port.resolve('LAB00012'), join(media, 'content', 'LAB00012'));
  assert.equal(proxy.requests.length, 0);
  writeFileSync(join(media, 'content', 'LAB00012', 'readme.txt'), 'tampered\n');
  const bad = resolver({ mediaDirs: [join(media, 'content')] });
  await bad.stage(['LAB00012']);
  assert.notEqual(bad.port.resolve('LAB00012'), join(media, 'content', 'LAB00012'), 'the cache copy is used');
  assert.equal(readFileSync(join(bad.port.resolve('LAB00012')!, 'readme.txt'), 'utf8'), 'hello\n');
  assert.deepEqual(proxy.requests.map((q) => q.path), ['/content/LAB00012/readme.txt'], 'the valid WIM was copied from the media');
});

test('a package nobody lists fails with its id; without sources a missing file says so', { skip }, async () => {
  await assert.rejects(resolver().stage(['LAB00099']), /package LAB00099 is not in the media or the cache and no deployment source lists it/);
  await assert.rejects(resolver({ sources: [] }).stage(['LAB00013']), /package LAB00013 file tool\.cmd: not available locally and no deployment source is configured/);
});

test('stage to a destination copies the verified package; without SMSTSPersistContent a step-time fetch leaves the cache', { skip }, async () => {
  const placed: Array<{ files: readonly string[]; destination: string; id: string }> = [];
  const r = resolver({
    destination: { place: (folder, files, destination, id) => { placed.push({ files, destination, id }); assert.ok(existsSync(join(folder, files[0]))); return `${destination}\\${id}`; } },
  });
  const got = await r.port.stage({ packageId: 'lab00013', destination: 'C:\\_SMSTaskSequence\\Packages', retry: { count: 0, delayMs: 0 } });
  assert.deepEqual(got, { path: 'C:\\_SMSTaskSequence\\Packages\\LAB00013', bytes: 10, from: proxy.url });
  assert.deepEqual(placed[0].files, ['tool.cmd']);
  assert.equal(r.port.resolve('LAB00013'), undefined, 'fetched for the step only');
  const kept = await r.port.stage({ packageId: 'LAB00013', destination: 'D:\\X', persistInCache: true });
  assert.equal(kept.path, 'D:\\X\\LAB00013');
  assert.ok(r.port.resolve('LAB00013'));
});

test('finish removes what the run put into the cache unless SMSTSPreserveContent', { skip }, async () => {
  const r = resolver();
  await r.stage(['LAB00013']);
  const folder = r.port.resolve('LAB00013')!;
  assert.deepEqual(r.finish({ preserve: true }), []);
  assert.ok(existsSync(folder));
  const again = createContentResolver({ cacheDir: join(folder, '..'), sources: [], manifests });
  await again.stage(['LAB00013']);
  assert.deepEqual(again.finish({ preserve: false }), ['LAB00013']);
  assert.equal(existsSync(folder), false);
});

test('the cache stays under its limit by evicting least recently used packages the run does not need', { skip }, async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'taskseq-cache-'));
  let t = 0;
  const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++));
  const first = createContentResolver({ cacheDir, sources: [proxy.url], manifests, retry: { count: 0, delayMs: 0 }, now });
  await first.stage(['LAB00012']);
  first.finish({ preserve: true });
  const second = createContentResolver({ cacheDir, sources: [proxy.url], manifests, retry: { count: 0, delayMs: 0 }, now, maxCacheBytes: 100 });
  const summary = await second.stage(['LAB00013']);
  assert.deepEqual(summary.evicted, ['LAB00012']);
  assert.equal(existsSync(join(cacheDir, 'LAB00012')), false);
  assert.ok(existsSync(join(cacheDir, 'LAB00013', 'tool.cmd')), 'a package the run needs is kept');
});
