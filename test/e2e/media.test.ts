/** Media folders end to end: taskseq media build, then taskseq run --media on the simulated machines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openMedia } from '../../agent/media/open-media.ts';
import { builtinProfile, runCli, workDir, writeFixture, writeProfile } from '../support/harness.ts';
import { buildMedia, filesUnder, PASSWORD, runMedia, writeContent, writePasswordFile } from '../support/media-fixtures.ts';
import { command, sequence, setVariable, varCondition } from '../support/sequence-builder.ts';

const install = command('Install app', 'setup.cmd /key:%AppKey%', { packageId: 'LAB00012' });

function standardSequence(dir: string): string {
  return writeFixture(dir, 'ts.xml', sequence([install, setVariable('Done', 'Stage', 'Installed')], { references: ['LAB00012'] }));
}

test('stand-alone media: build copies only the referenced packages with manifests, and runs end to end', async () => {
  const dir = workDir();
  const content = writeContent(dir);
  const out = join(dir, 'usb');
  const built = await buildMedia(standardSequence(dir), out, ['--content', content, '--var', 'Role=Kiosk', '--secret-var', 'AppKey=Media-Secret-7']);
  assert.equal(built.code, 0, built.stderr);
  assert.match(built.stdout, /Built stand-alone media \(FullMedia\) in .*: 1 package, 3 files, 3020 bytes of content/);
  assert.match(built.stderr, /warning \[unprotected-secrets\]/);
  assert.deepEqual(filesUnder(out).map((f) => f.slice(out.length + 1)).sort(), [
    'content/LAB00012/setup.cmd', 'content/LAB00012/sub/data-a.bin', 'content/LAB00012/sub/data-b.bin', 'policy.json', 'sequence.xml', 'taskseq-media.json',
  ]);
  const policy = JSON.parse(readFileSync(join(out, 'policy.json'), 'utf8'));
  assert.equal(policy.mediaType, 'FullMedia');
  assert.deepEqual(policy.variables, [{ name: 'Role', value: 'Kiosk' }, { name: 'AppKey', value: 'Media-Secret-7', secret: true }]);
  const data = policy.packages[0].files.find((f: { path: string }) => f.path === 'sub/data-a.bin');
  assert.deepEqual(data, { path: 'sub/data-a.bin', size: 1500, sha256: createHash('sha256').update(Buffer.alloc(1500, 1)).digest('hex') });
  const header = JSON.parse(readFileSync(join(out, 'taskseq-media.json'), 'utf8'));
  assert.deepEqual([header.format, header.version, header.mediaType, header.part.number, header.part.count, header.protection], ['taskseq-media', 1, 'FullMedia', 1, 1, null]);

  const r = await runMedia(out, dir, ['--machine', 'bios-desktop']);
  assert.equal(r.code, 0, r.stderr);
  const v = r.report!.variables;
  assert.deepEqual([v._SMSTSMediaType, v._SMSTSStandAloneMode, v._SMSTSLaunchMode, v.Role, v.AppKey, v.Stage], ['FullMedia', 'true', 'CD', 'Kiosk', '********', 'Installed']);
  assert.deepEqual(r.report!.steps.map((s) => s.outcome), ['succeeded', 'succeeded']);
});

test('a stand-alone build whose needed package is not in --content is refused and leaves nothing', async () => {
  const dir = workDir();
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  const r = await buildMedia(standardSequence(dir), join(dir, 'usb'), ['--content', empty]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /error \[missing-package\] Install app: package: package LAB00012 is needed by Install app but is not in the content source/);
  assert.deepEqual(readdirSync(dir).sort(), ['empty', 'ts.xml']);
});

test('boot and prestaged media: header, policy and sources; boot media carry no content', async () => {
  const dir = workDir();
  const content = writeContent(dir);
  const ca = writeFixture(dir, 'ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  const file = standardSequence(dir);
  const noSource = await buildMedia(file, join(dir, 'boot0'), ['--type', 'boot']);
  assert.equal(noSource.code, 2);
  assert.match(noSource.stderr, /--source is required for boot media/);
  const boot = await buildMedia(file, join(dir, 'boot'), ['--type', 'boot', '--source', 'https://dp1.lab.example/taskseq', '--ca-bundle', ca, '--password-file', writePasswordFile(dir)]);
  assert.equal(boot.code, 0, boot.stderr);
  const opened = await openMedia(join(dir, 'boot'), async () => PASSWORD);
  assert.equal(opened.header.mediaType, 'BootMedia');
  assert.equal(opened.header.protection?.kdf, 'scrypt');
  assert.deepEqual([opened.policy.sources, opened.policy.caBundle, opened.policy.packages], [['https://dp1.lab.example/taskseq'], 'ca.pem', []]);
  assert.equal(readFileSync(join(dir, 'boot', 'ca.pem'), 'utf8'), readFileSync(ca, 'utf8'));
  assert.ok(!existsSync(join(dir, 'boot', 'content', 'LAB00012')));

  const prestaged = await buildMedia(file, join(dir, 'oem'), ['--type', 'prestaged', '--content', content, '--source', 'http://dp1.lab.example/taskseq']);
  assert.equal(prestaged.code, 0, prestaged.stderr);
  const oem = await openMedia(join(dir, 'oem'), undefined);
  assert.equal(oem.policy.mediaType, 'OEMMedia');
  assert.deepEqual(oem.policy.packages.map((m) => m.id), ['LAB00012']);
  const r = await runMedia(join(dir, 'oem'), dir, ['--machine', 'bios-desktop']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual([r.report!.variables._SMSTSMediaType, r.report!.variables._SMSTSLaunchMode, r.report!.variables._SMSTSStandAloneMode], ['OEMMedia', 'HD', undefined]);

  const fromBoot = await runMedia(join(dir, 'boot'), workDir(), ['--password-file', writePasswordFile(dir), '--var', 'SMSTSDownloadRetryCount=0']);
  // Boot media take the manifests of their packages from the deployment source's document, so an unreachable source
  // stops the run before anything happens, naming it.
  assert.equal(fromBoot.code, 1, fromBoot.out);
  assert.match(fromBoot.out, /dp1\.lab\.example\/taskseq/);
  assert.ok(!existsSync(join(fromBoot.state, 'machine')), 'nothing was touched');
});

async function protectedMedia(): Promise<{ dir: string; out: string }> {
  const dir = workDir();
  const out = join(dir, 'usb');
  const built = await buildMedia(standardSequence(dir), out, ['--content', writeContent(dir), '--password-file', writePasswordFile(dir), '--secret-var', 'AppKey=Media-Secret-7']);
  assert.equal(built.code, 0, built.stderr);
  assert.match(built.stderr, /warning \[content-not-encrypted\]/);
  return { dir, out };
}

async function refused(dir: string, out: string, password: string, pattern: RegExp): Promise<void> {
  const r = await runMedia(out, dir, ['--password-file', writePasswordFile(join(dir), password)]);
  assert.equal(r.code, 2, r.out);
  assert.match(r.out, pattern);
  assert.equal(existsSync(r.state), false, 'no state folder');
  assert.equal(existsSync(r.logs), false, 'no log');
  assert.ok(!(r.stdout + r.stderr).includes(password) && !(r.stdout + r.stderr).includes('Media-Secret-7'));
}

test('protected media: a wrong password, a changed policy or header, a truncated file are refused; nothing is touched', async () => {
  const { dir, out } = await protectedMedia();
  assert.ok(!readFileSync(join(out, 'policy.enc')).includes('Media-Secret-7'));
  await refused(dir, out, 'Wrong-Password-1', /policy\.enc: cannot open the media: the password is wrong, or taskseq-media\.json or policy\.enc was changed/);

  const policy = readFileSync(join(out, 'policy.enc'));
  const changed = Buffer.from(policy);
  changed[40] ^= 0x01;
  writeFileSync(join(out, 'policy.enc'), changed);
  await refused(dir, out, PASSWORD, /password is wrong, or taskseq-media\.json or policy\.enc was changed/);
  writeFileSync(join(out, 'policy.enc'), policy);

  const header = readFileSync(join(out, 'taskseq-media.json'), 'utf8');
  writeFileSync(join(out, 'taskseq-media.json'), header.replace(/"created": "[^"]+"/, '"created": "2020-01-01T00:00:00.000Z"'));
  await refused(dir, out, PASSWORD, /password is wrong, or taskseq-media\.json or policy\.enc was changed/);
  writeFileSync(join(out, 'taskseq-media.json'), header);

  const sequence = readFileSync(join(out, 'sequence.enc'));
  truncateSync(join(out, 'sequence.enc'), sequence.length - 1);
  await refused(dir, out, PASSWORD, /sequence\.enc: sequence\.enc was changed after the media was built \(the password is right/);
  truncateSync(join(out, 'sequence.enc'), 12);
  await refused(dir, out, PASSWORD, /sequence\.enc: the file is truncated/);
  writeFileSync(join(out, 'sequence.enc'), sequence);

  const ok = await runMedia(out, dir, ['--password-file', writePasswordFile(dir)]);
  assert.equal(ok.code, 0, ok.stderr);
});

test('unprotected media: a changed sequence does not match the policy', async () => {
  const dir = workDir();
  const out = join(dir, 'usb');
  assert.equal((await buildMedia(standardSequence(dir), out, ['--content', writeContent(dir)])).code, 0);
  writeFileSync(join(out, 'sequence.xml'), readFileSync(join(out, 'sequence.xml'), 'utf8').replace('Installed', 'Tampered'));
  const r = await runMedia(out, dir, []);
  assert.equal(r.code, 2);
  assert.match(r.out, /sequence\.xml: the sequence does not match the SHA-256 in the policy/);
});

test('expired and not yet valid media are refused with both times and the clock the machine shows', async () => {
  const dir = workDir();
  const file = standardSequence(dir);
  const content = writeContent(dir);
  assert.equal((await buildMedia(file, join(dir, 'old'), ['--content', content, '--valid-from', '2024-01-01', '--valid-until', '2024-12-31T23:59:59Z'])).code, 0);
  assert.equal((await buildMedia(file, join(dir, 'new'), ['--content', content, '--valid-from', '2030-01-01T08:00:00+01:00'])).code, 0);
  const expired = await runMedia(join(dir, 'old'), dir, ['--machine', 'bios-desktop']);
  assert.equal(expired.code, 2);
  assert.match(expired.out, /the media has expired: it is valid from 2024-01-01T00:00:00\.000Z until 2024-12-31T23:59:59\.000Z; the machine's clock reads 2025-01-15T14:00:00\.000Z \(simulated machine bios-desktop: the firmware clock of its profile\)/);
  assert.equal(existsSync(expired.state), false);
  const early = await runMedia(join(dir, 'new'), dir, ['--machine', 'uefi-laptop']);
  assert.equal(early.code, 2);
  assert.match(early.out, /the media is not valid yet: it is valid from 2030-01-01T07:00:00\.000Z until \(no end\); the machine's clock reads 2025-06-02T07:45:00\.000Z/);
  const bad = await buildMedia(file, join(dir, 'bad'), ['--content', content, '--valid-from', '2030-01-01T08:00:00']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--valid-from must be an ISO-8601 date/);
});

test('multi-part media: a missing part is named with its files before anything runs; --media-path finds it', async () => {
  const dir = workDir();
  const out = join(dir, 'set');
  const built = await buildMedia(standardSequence(dir), out, ['--content', writeContent(dir), '--part-size', '2000']);
  assert.equal(built.code, 0, built.stderr);
  assert.match(built.stdout, /part 1: .*set\/part1 \(2 files, 1520 bytes\)\n.*part 2: .*set\/part2 \(1 file, 1500 bytes\)/);
  const tooSmall = await buildMedia(standardSequence(dir), join(dir, 'small'), ['--content', writeContent(workDir()), '--part-size', '1000']);
  assert.equal(tooSmall.code, 2);
  assert.match(tooSmall.stderr, /LAB00012\/sub\/data-a\.bin is 1500 bytes, more than a part holds \(--part-size 1000\)/);
  assert.equal(existsSync(join(dir, 'small')), false);

  const whole = await runMedia(out, dir, []);
  assert.equal(whole.code, 2);
  assert.match(whole.out, /multi-part media set: give --media DIR\/part1/);
  const missing = await runMedia(join(out, 'part1'), dir, []);
  assert.equal(missing.code, 2);
  assert.match(missing.out, /part 2 of 2 of media set [0-9a-f-]+ is missing; it holds LAB00012\/sub\/data-b\.bin; give each part's folder with --media-path DIR/);
  assert.equal(existsSync(missing.state), false);
  const wrong = await runMedia(join(out, 'part1'), dir, ['--media-path', join(out, 'part1')]);
  assert.equal(wrong.code, 2);
  const r = await runMedia(join(out, 'part1'), dir, ['--media-path', join(out, 'part2'), '--machine', 'bios-desktop']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readFileSync(join(r.state, 'media-content', 'LAB00012', 'sub', 'data-b.bin')), Buffer.alloc(1500, 2));
  assert.ok(readFileSync(join(r.logs, 'smsts.log'), 'utf8').includes('Copied 1 file from media part 2 of 2'));
});

test('steps that need a site are refused for stand-alone media unless a media type condition skips them', async () => {
  const dir = workDir();
  const content = writeContent(dir);
  const affinity = (o = {}) => setVariable('User affinity', 'SMSTSAssignUsersMode', 'Auto', o);
  const plain = writeFixture(dir, 'plain.xml', sequence([affinity(), install]));
  const r = await buildMedia(plain, join(dir, 'a'), ['--content', content]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /error \[unsupported-on-standalone-media\] User affinity: type: cannot run from stand-alone media: user device affinity \(SMSTSAssignUsersMode\) needs the site/);
  assert.equal(existsSync(join(dir, 'a')), false);
  const guarded = writeFixture(dir, 'guarded.xml', sequence([affinity({ condition: varCondition('_SMSTSMediaType', 'notEquals', 'FullMedia') }), install]));
  assert.equal((await buildMedia(guarded, join(dir, 'b'), ['--content', content])).code, 0);
  const run = await runMedia(join(dir, 'b'), dir, []);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.report!.steps.map((s) => s.outcome), ['skipped', 'succeeded']);

  const drivers = (condition?: string) => `<step type="SMS_TaskSequence_AutoApplyAction" name="Auto drivers" runIn="WinPE" successCodeList="0">${condition ? `<condition>${condition}</condition>` : ''}<action>osddriverclient.exe /auto</action></step>`;
  const unguarded = await runCli(['validate', writeFixture(dir, 'd1.xml', sequence([drivers()])), '--media-type', 'FullMedia']);
  assert.equal(unguarded.code, 2);
  assert.match(unguarded.stderr, /error \[unsupported-on-standalone-media\] Auto drivers: type: cannot run from stand-alone media: Auto Apply Drivers asks the management point/);
  const skipped = await runCli(['validate', writeFixture(dir, 'd2.xml', sequence([drivers(varCondition('_SMSTSMediaType', 'equals', 'BootMedia'))])), '--media-type', 'FullMedia']);
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.equal((await runCli(['validate', writeFixture(dir, 'd3.xml', sequence([drivers()]))])).code, 0);
});

test('the prestart command runs first and sets a variable a later condition uses; a failing one stops the run', async () => {
  const dir = workDir();
  const profile = writeProfile(dir, 'kiosk', builtinProfile('bios-desktop'), {
    commands: [{ match: '^prestart\\.cmd', setVariables: { Site: 'Lab' } }, { match: '^fail-prestart\\.cmd', exitCode: 5 }],
  });
  const prestartFiles = join(dir, 'pre');
  mkdirSync(prestartFiles);
  writeFileSync(join(prestartFiles, 'prestart.cmd'), 'echo Site=Lab');
  const file = writeFixture(dir, 'ts.xml', sequence([
    setVariable('Lab only', 'Where', 'Lab', { condition: varCondition('Site', 'equals', 'Lab') }),
    setVariable('Elsewhere', 'Where', 'Other', { condition: varCondition('Site', 'notEquals', 'Lab') }),
  ]));
  const content = writeContent(dir);
  assert.equal((await buildMedia(file, join(dir, 'ok'), ['--content', content, '--prestart', 'prestart.cmd', '--prestart-files', prestartFiles])).code, 0);
  assert.ok(existsSync(join(dir, 'ok', 'prestart', 'prestart.cmd')));
  const r = await runMedia(join(dir, 'ok'), dir, ['--machine', profile]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.report!.steps.map((s) => `${s.name}:${s.outcome}`), ['Lab only:succeeded', 'Elsewhere:skipped']);
  assert.equal(r.report!.variables.Site, 'Lab');
  const log = readFileSync(join(r.logs, 'smsts.log'), 'utf8');
  assert.ok(log.indexOf('Running the prestart command: prestart.cmd') < log.indexOf('Lab only'));
  assert.match(log, /The prestart command succeeded; it set Site/);

  assert.equal((await buildMedia(file, join(dir, 'fails'), ['--content', content, '--prestart', 'fail-prestart.cmd'])).code, 0);
  const failed = await runMedia(join(dir, 'fails'), workDir(), ['--machine', profile]);
  assert.equal(failed.code, 1);
  assert.deepEqual(failed.report!.steps, []);
  assert.match(failed.report!.message ?? '', /the prestart command exited with code 5; the task sequence did not start/);
});

test('secrets of a protected media never reach a log, the state folder or the output', async () => {
  const { dir, out } = await protectedMedia();
  const r = await runMedia(out, dir, ['--password-file', writePasswordFile(dir), '--machine', 'bios-desktop', '--log-format', 'cmtrace']);
  assert.equal(r.code, 0, r.stderr);
  // Large seed files of the profile's volumes are the test's own input, not something the run wrote.
  const written = [...filesUnder(r.state), ...filesUnder(r.logs)].filter((f) => statSync(f).size < 64 * 1024 * 1024);
  const texts = [r.stdout, r.stderr, ...written.map((f) => readFileSync(f, 'utf8'))];
  for (const secret of ['Media-Secret-7', PASSWORD]) {
    for (const text of texts) assert.ok(!text.includes(secret), `"${secret}" leaked: ${text.slice(Math.max(0, text.indexOf(secret) - 80), text.indexOf(secret) + 40)}`);
  }
  assert.match(readFileSync(join(r.logs, 'smsts.log'), 'utf8'), /Set a global environment variable AppKey=\*{8}/);
});
