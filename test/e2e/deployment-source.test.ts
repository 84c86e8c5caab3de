/** `taskseq run --source URL` end to end: a real nginx over HTTPS, the simulated machine, content on its volumes. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSequenceFile, workDir } from '../support/harness.ts';
import { command, partitionDisk, sequence, UEFI_LAYOUT } from '../support/sequence-builder.ts';
import { hasNginx, startNginx, type Nginx } from '../support/nginx.ts';
import { createTestPki, type TestPki } from '../support/test-ca.ts';
import { statusEndpoint } from '../support/status-endpoint.ts';
import { randomFile, sha256, sourceRoot, writePackage, writeSourceDocument } from '../../agent/content/test-support/source-fixtures.ts';

const skip = hasNginx() ? false : 'nginx is not installed';
const WIM = randomFile(1);

function downloadContent(name: string, packages: string, variable: string): string {
  const v = (n: string, p: string, value: string) => `<variable name="${n}" property="${p}">${value}</variable>`;
  return `<step type="SMS_TaskSequence_DownloadPackageContentAction" name="${name}" runIn="WinPEandFullOS" successCodeList="0"><action>OsdDownloadContent.exe </action><defaultVarList>${v('OSDDownloadContinueDownloadOnError', 'ContinueDownloadOnError', 'false')}${v('OSDDownloadDestinationPath', 'DestinationCustomPath', '')}${v('OSDDownloadDestinationLocationType', 'DestinationLocationType', 'TSCache')}${v('OSDDownloadDestinationVariable', 'DestinationVariable', variable)}${v('OSDDownloadDownloadPackages', 'DownloadPackages', packages)}</defaultVarList></step>`;
}

const SEQUENCE = sequence([
  partitionDisk('Partition', 'GPT', UEFI_LAYOUT),
  downloadContent('Download drivers', 'LAB00030', 'Drivers'),
  command('Install tool', 'install.cmd /key:%ToolKey%', { packageId: 'LAB00031' }),
], { references: ['LAB00030', 'LAB00031'] });

let pki: TestPki;
let nginx: Nginx;
const root = sourceRoot();

before(async () => {
  if (skip) return;
  const packages = [
    writePackage(root, 'LAB00030', { 'drivers/net.inf': 'net driver\n', 'drivers/blob.bin': WIM }),
    writePackage(root, 'LAB00031', { 'install.cmd': '@echo install\n' }),
  ];
  writeSourceDocument(root, SEQUENCE, packages, [{ name: 'Site', value: 'LAB' }, { name: 'ToolKey', value: 'S3cr3t-Key-42', secret: true }]);
  pki = createTestPki();
  nginx = await startNginx({ root, tls: { cert: pki.serverCert, key: pki.serverKey } });
});
after(async () => { await nginx?.stop(); });

test('a sequence from an HTTPS deployment source runs and applies its content on the simulated machine', { skip }, async () => {
  const dir = workDir();
  const r = await runSequenceFile(undefined, dir, ['--source', `${nginx.url}/`, '--ca-bundle', pki.caCert, '--machine', 'uefi-desktop']);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.deepEqual(r.report.steps.map((s) => s.outcome), ['succeeded', 'succeeded', 'succeeded']);
  assert.equal(r.report.variables._SMSTSMediaType, 'BootMedia');
  assert.equal(r.report.variables.Site, 'LAB');
  assert.equal(r.report.variables.ToolKey, '********');
  const path = r.report.variables.Drivers01;
  assert.match(path, /^[C-Z]:\\_SMSTaskSequence\\Packages\\LAB00030$/);
  const volumes = join(dir, 'state', 'machine', 'volumes');
  const onDisk = readdirSync(volumes).map((v) => join(volumes, v, '_SMSTaskSequence', 'Packages', 'LAB00030', 'drivers', 'blob.bin')).find((p) => existsSync(p));
  assert.ok(onDisk, 'the package is on a simulated volume');
  assert.equal(sha256(readFileSync(onDisk!)), sha256(WIM), 'with the right bytes');
  assert.match(r.logText, /Staging 2 package\(s\) before the first step: LAB00030, LAB00031/);
  assert.match(r.logText, /Package LAB00031 is ready \(downloaded from https:\/\/127\.0\.0\.1/);
  assert.doesNotMatch(r.logText + r.stdout + r.stderr, /S3cr3t-Key-42/);
  assert.equal(existsSync(join(dir, 'state', 'content-cache', 'LAB00030')), false, 'the cache is cleaned at the end');
});

test('a wrong CA bundle stops the run before any step, naming the package and file', { skip }, async () => {
  const dir = workDir();
  const r = await runSequenceFile(undefined, dir, ['--source', nginx.url, '--ca-bundle', pki.otherCaCert]);
  assert.equal(r.code, 1);
  assert.equal(r.report.status, 'error');
  assert.match(r.report.message ?? '', /no deployment source answered.*TLS\/certificate failure/);
});

test('content that cannot be fetched stops the run before the first step and is reported as a status event', { skip }, async () => {
  const broken = sourceRoot();
  const packages = [writePackage(broken, 'LAB00031', { 'install.cmd': '@echo install\n' })];
  writeSourceDocument(broken, sequence([command('Install tool', 'install.cmd', { packageId: 'LAB00031' })]), packages);
  writeFileSync(join(broken, 'content', 'LAB00031', 'install.cmd'), '@echo INSTALL\n');
  const server = await startNginx({ root: broken });
  const status = await statusEndpoint(204);
  try {
    const dir = workDir();
    const r = await runSequenceFile(undefined, dir, ['--source', server.url, '--var', 'SMSTSDownloadRetryDelay=0', '--status-url', status.url]);
    assert.equal(r.code, 1);
    assert.match(r.report.message ?? '', new RegExp(`package LAB00031 file install\\.cmd.*expected ${packages[0].files[0].sha256}, got ${sha256('@echo INSTALL\n')}`));
    assert.equal(readdirSync(join(dir, 'state')).includes('journal.tsj'), false, 'no step ran');
    assert.match(r.logText, /Content staging failed; no step has run/);
    const failed = status.bodies.filter((b) => b.kind === 'content-failed');
    assert.equal(failed.length, 1, JSON.stringify(status.bodies));
    assert.match(String(failed[0].message), /package LAB00031 file install\.cmd/);
    assert.equal(status.bodies.some((b) => b.kind === 'step-result'), false, 'no step result: no step ran');
  } finally {
    await status.close();
    await server.stop();
  }
});

test('an invalid source document or an unsafe manifest path is invalid input', { skip }, async () => {
  const bad = sourceRoot();
  const packages = [{ id: 'LAB00031', files: [{ path: '../../etc/evil.cmd', size: 1, sha256: 'a'.repeat(64) }] }];
  writeSourceDocument(bad, sequence([command('x', 'x.cmd')]), packages);
  const server = await startNginx({ root: bad });
  try {
    const r = await runSequenceFile(undefined, workDir(), ['--source', server.url]);
    assert.equal(r.code, 2);
    assert.match(r.report.message ?? '', /taskseq-source\.json.*package LAB00031: entry "\.\.\/\.\.\/etc\/evil\.cmd" is refused/);
    writeFileSync(join(bad, 'taskseq-source.json'), JSON.stringify({ format: 'taskseq-source', version: 2, sequence: { file: 'sequence.xml', sha256: 'x' }, packages: [] }));
    const r2 = await runSequenceFile(undefined, workDir(), ['--source', server.url]);
    assert.equal(r2.code, 2);
    assert.deepEqual(r2.report.problems?.map((p) => p.field).sort(), ['/sequence/sha256', '/version']);
  } finally {
    await server.stop();
  }
});
