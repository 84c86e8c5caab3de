/**
 * The three attacks an independent probe found, run as sequences on simulated machines: a state store path whose
 * UNC server name climbs out of the state folder, an image whose Windows\Panther (or another folder) is a symbolic
 * link out of the volume, and an image description that wimlib-imagex would read as `--dereference`. Each must be
 * refused or made harmless, with nothing written or read outside the run's own folders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { builtinProfile, runSequenceFile, workDir, writeFixture, writeProfile, type HarnessRun } from '../support/harness.ts';
import { UEFI_LAYOUT, applyOs, captureImage, partitionDisk, sequence } from '../support/sequence-builder.ts';
import { captureWim, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';

/** Every file and link below `folder` (links are listed, not followed). */
function entriesBelow(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const full = join(folder, e.name);
    return e.isDirectory() ? entriesBelow(full) : [full];
  });
}

function failedStep(r: HarnessRun, name: string): { exitCode: number | null; reason: string | null } {
  const step = r.report.steps.find((s) => s.name === name);
  assert.ok(step, `step ${name} ran: ${JSON.stringify(r.report.steps)}`);
  assert.equal(step.outcome, 'failed', `${name}: ${step.reason}`);
  return step;
}

const captureUserState = `<step type="SMS_TaskSequence_CaptureUserStateAction" name="Capture User State" runIn="WinPEandFullOS" successCodeList="0"><action>osdmigrateuserstate.exe /collect</action><defaultVarList><variable name="OSDMigrateMode" property="Mode">Simple</variable><variable name="_OSDMigrateUsmtPackageID" property="UsmtPackageID">LAB00USM</variable></defaultVarList></step>`;

test('a state store path whose UNC server climbs out (\\\\../../../../outside\\store) is refused, naming OSDStateStorePath', async () => {
  // The run folder sits two levels down, so the climb the probe used would land inside this test's own folder.
  const top = workDir();
  const dir = join(top, 'a', 'b');
  mkdirSync(dir, { recursive: true });
  const usmt = join(dir, 'content', 'LAB00USM');
  mkdirSync(usmt, { recursive: true });
  for (const f of ['scanstate.exe', 'loadstate.exe', 'MigDocs.xml', 'MigApp.xml']) writeFileSync(join(usmt, f), `<!-- ${f} -->`);
  const base = builtinProfile('uefi-desktop');
  const machine = writeProfile(dir, 'running-desktop', base, { environment: { ...(base.environment as object), inWinPE: false, launchMode: 'SMS' } });
  const storePath = '\\\\../../../../outside\\store';
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', sequence([captureUserState])), dir,
    ['--machine', machine, '--content', join(dir, 'content'), '--var', `OSDStateStorePath=${storePath}`]);
  assert.notEqual(r.code, 0);
  const step = failedStep(r, 'Capture User State');
  assert.equal(step.reason, `OSDStateStorePath ${storePath}: the server name '../../../../outside' (a separator inside a name) is not allowed`);
  assert.ok(!existsSync(join(top, 'a', 'outside')), 'nothing at the place the climb leads to');
  assert.deepEqual(entriesBelow(top).filter((f) => !f.startsWith(dir + sep)), [], 'nothing outside the run folder');
  assert.ok(!entriesBelow(dir).some((f) => /USMT\.MIG$/i.test(f)), 'no store was written anywhere');
});

/** A content folder whose package LAB00100 holds a WIM of a fake Windows tree changed by `change`. */
function imageWith(dir: string, change: (tree: string) => void): string {
  const tree = writeFakeWindowsTree(join(dir, 'tree'));
  change(tree);
  const content = join(dir, 'content');
  mkdirSync(join(content, 'LAB00100'), { recursive: true });
  captureWim(tree, join(content, 'LAB00100', 'install.wim'), 'Fake Windows');
  return content;
}

test('an image whose Windows\\Panther links out of the volume: the answer file is refused, nothing lands outside', async () => {
  const dir = workDir();
  const outside = join(dir, 'outside');
  mkdirSync(outside);
  const content = imageWith(dir, (tree) => symlinkSync(outside, join(tree, 'Windows', 'Panther')));
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply Operating System', 'LAB00100')])),
    dir, ['--machine', 'uefi-desktop', '--content', content]);
  assert.notEqual(r.code, 0);
  const step = failedStep(r, 'Apply Operating System');
  assert.match(step.reason ?? '', /cannot write Windows\\Panther\\unattend\.xml: Windows\\Panther is a symbolic link, which taskseq does not follow on any machine/);
  assert.deepEqual(readdirSync(outside), [], 'no answer file outside the volume');
});

test('an image with a link to a host folder: the machine state does not walk it', async () => {
  const dir = workDir();
  const hostFolder = join(dir, 'host-system');
  mkdirSync(join(hostFolder, 'deep'), { recursive: true });
  writeFileSync(join(hostFolder, 'deep', 'host-only-file.cfg'), 'host\n');
  const content = imageWith(dir, (tree) => symlinkSync(hostFolder, join(tree, 'Windows', 'System32', 'LinkedSystem')));
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply Operating System', 'LAB00100')])),
    dir, ['--machine', 'uefi-desktop', '--content', content]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const final = readFileSync(join(dir, 'state', 'final-machine.json'), 'utf8');
  assert.ok(final.includes('kernel.txt'), 'the volume files are listed');
  assert.ok(!final.includes('host-only-file') && !final.includes('LinkedSystem'), 'the linked host folder is not');
  assert.deepEqual(readdirSync(hostFolder), ['deep']);
});

test('OSDImageDescription=--dereference with a link to a host file: the WIM holds the link, not the file', async () => {
  const dir = workDir();
  const marker = 'host-only-marker-93b1d2';
  const hostFile = join(dir, 'host-secret.txt');
  writeFileSync(hostFile, `${marker}\n`.repeat(32));
  const content = imageWith(dir, (tree) => symlinkSync(hostFile, join(tree, 'Windows', 'linked.txt')));
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', sequence([
    partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply Operating System', 'LAB00100'), captureImage('Capture', 'D:\\Captures\\reference.wim'),
  ])), dir, ['--machine', 'uefi-laptop', '--content', content, '--var', 'OSDImageDescription=--dereference']);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const wim = join(dir, 'state', 'machine', 'volumes', 'disk1-part1', 'Captures', 'reference.wim');
  assert.ok(existsSync(wim), 'the capture was written');
  assert.match(execFileSync('wimlib-imagex', ['info', wim, '1'], { encoding: 'utf8' }), /Description:\s+--dereference/);
  // The WIM is compressed: look at what it gives back rather than at its bytes.
  const back = join(dir, 'applied-back');
  execFileSync('wimlib-imagex', ['apply', '--no-acls', '--', wim, '1', back], { stdio: 'ignore' });
  assert.ok(lstatSync(join(back, 'Windows', 'linked.txt')).isSymbolicLink(), 'captured as a link');
  for (const f of entriesBelow(back)) {
    if (!lstatSync(f).isSymbolicLink()) assert.ok(!readFileSync(f).includes(marker), `${f} holds the host file`);
  }
  assert.equal(readFileSync(hostFile, 'utf8'), `${marker}\n`.repeat(32));
});
