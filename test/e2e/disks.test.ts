/** Format and Partition Disk end to end: the BIOS/UEFI pair, real tables read back by the standard tools, refusals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { builtinProfile, runSequenceFile, workDir, writeFixture, writeProfile } from '../support/harness.ts';
import { BIOS_LAYOUT, UEFI_LAYOUT, command, group, partitionDisk, restart, sequence, setVariable, varCondition } from '../support/sequence-builder.ts';

const MiB = 1024 * 1024;
const sfdisk = (image: string) => JSON.parse(execFileSync('sfdisk', ['--json', image], { encoding: 'utf8' })).partitiontable;

/** Our own build-and-capture-like pair: the wizard's conditions (not on OEM media, no client cache) plus the firmware. */
function partitionPair(): string {
  const guard = varCondition('_SMSTSMediaType', 'notEquals', 'OEMMedia') + varCondition('_SMSTSClientCache', 'notExists');
  return sequence([
    group('Install Operating System', [
      partitionDisk('Partition Disk 0 - BIOS', 'MBR', BIOS_LAYOUT, { condition: guard + varCondition('_SMSTSBootUEFI', 'notEquals', 'true') }),
      partitionDisk('Partition Disk 0 - UEFI', 'GPT', UEFI_LAYOUT, { condition: guard + varCondition('_SMSTSBootUEFI', 'equals', 'true') }),
      setVariable('Remember the data path', 'DataPath', '%_SMSTSMDataPath%'),
    ]),
  ]);
}

test('UEFI desktop: only the UEFI step runs; sgdisk verifies the GPT; sfdisk shows the layout; OSDisk is set', async () => {
  const dir = workDir();
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', partitionPair()), dir, ['--machine', 'uefi-desktop']);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const outcome = Object.fromEntries(r.report.steps.map((s) => [s.name, s.outcome]));
  assert.equal(outcome['Partition Disk 0 - BIOS'], 'skipped');
  assert.equal(outcome['Partition Disk 0 - UEFI'], 'succeeded');
  assert.match(r.report.variables.OSDisk, /^[C-W]:$/);
  assert.match(r.report.variables.DataPath, /^[C-W]:\\_SMSTaskSequence$/);
  const image = join(dir, 'state', 'machine', 'disks', 'disk0.img');
  assert.match(execFileSync('sgdisk', ['--verify', image], { encoding: 'utf8' }), /No problems found/);
  const t = sfdisk(image);
  assert.equal(t.label, 'gpt');
  const types = t.partitions.map((p: { type: string }) => p.type.toUpperCase());
  assert.deepEqual(types, ['C12A7328-F81F-11D2-BA4B-00A0C93EC93B', 'E3C9E316-0B5C-4DB8-817D-F92DF00215AE', 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', 'DE94BBA4-06D1-4D40-A16A-BFD50179D6AC']);
  const sector = t.sectorsize ?? 512;
  assert.equal(t.partitions[0].start * sector, MiB);
  assert.equal(t.partitions[0].size * sector, 499 * MiB);
  assert.equal(t.partitions[1].size * sector, 128 * MiB);
  for (const p of t.partitions) assert.equal((p.start * sector) % MiB, 0, 'aligned to 1 MiB');
});

test('BIOS desktop: only the BIOS step runs; an MBR with the active system partition', async () => {
  const dir = workDir();
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', partitionPair()), dir, ['--machine', 'bios-desktop']);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const outcome = Object.fromEntries(r.report.steps.map((s) => [s.name, s.outcome]));
  assert.equal(outcome['Partition Disk 0 - BIOS'], 'succeeded');
  assert.equal(outcome['Partition Disk 0 - UEFI'], 'skipped');
  const t = sfdisk(join(dir, 'state', 'machine', 'disks', 'disk0.img'));
  assert.equal(t.label, 'dos');
  assert.deepEqual(t.partitions.map((p: { type: string }) => p.type), ['7', '7', '27']);
  assert.equal(t.partitions[0].bootable, true);
  assert.match(r.report.variables.OSDisk, /^[C-W]:$/);
});

test('a refresh started in the full OS with a client cache partitions nothing, even after restarting into Windows PE', async () => {
  const dir = workDir();
  const base = builtinProfile('uefi-desktop');
  const profile = writeProfile(dir, 'refresh', base, { environment: { ...(base.environment as object), inWinPE: false, launchMode: 'SMS' } });
  const seq = partitionPair().replace('<group name="Install Operating System"', `${restart('Restart in Windows PE', 'WinPE', { condition: varCondition('_SMSTSInWinPE', 'equals', 'false') })}<group name="Install Operating System"`);
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', seq), dir, ['--machine', profile]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const outcome = Object.fromEntries(r.report.steps.map((s) => [s.name, s.outcome]));
  assert.equal(outcome['Restart in Windows PE'], 'succeeded');
  assert.equal(outcome['Partition Disk 0 - UEFI'], 'skipped');
  assert.equal(outcome['Partition Disk 0 - BIOS'], 'skipped');
  assert.match(r.report.variables._SMSTSClientCache, /ccmcache/i);
  assert.equal(r.report.variables._SMSTSInWinPE, 'true');
});

test('restarting before any local NTFS volume holds the state fails clearly', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([restart('Too early', 'WinPE'), setVariable('Never', 'Never', 'x')]));
  const r = await runSequenceFile(file, dir, ['--machine', 'hyperv-vm']);
  assert.equal(r.code, 1);
  const step = r.report.steps.find((s) => s.name === 'Too early');
  assert.equal(step?.outcome, 'failed');
  assert.match(step?.reason ?? '', /restart to WinPE was refused: .*RAM disk \(X:\).*no local NTFS volume/);
  assert.deepEqual(r.report.reboots, []);
  assert.ok(!r.report.steps.some((s) => s.name === 'Never'));
});

test('after partitioning a blank disk, a restart into Windows PE works, and the installed OS cannot boot (no boot files)', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    partitionDisk('Partition', 'GPT', UEFI_LAYOUT),
    restart('Restart in PE', 'WinPE'),
    setVariable('Back in PE', 'Back', '%_SMSTSInWinPE%'),
    restart('Restart to disk', 'HD'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'hyperv-vm']);
  assert.equal(r.report.variables.Back, 'true');
  assert.equal(r.code, 1);
  assert.match(r.report.steps.find((s) => s.name === 'Restart to disk')?.reason ?? '', /restart to HD was refused: UEFI firmware cannot boot/);
  assert.deepEqual(r.report.reboots, [{ afterStep: 1, target: 'WinPE' }], 'only the restart that happened');
});

test('bad plans stop before the disk is touched, with the step and partition named', async () => {
  const dir = workDir();
  const tooMany = Array.from({ length: 5 }, (_, i) => ({ type: 'Primary', fileSystem: 'NTFS', size: '1', units: 'GB', volumeName: `P${i}` }));
  const file = writeFixture(dir, 'ts.xml', sequence([
    partitionDisk('Five primaries', 'MBR', tooMany),
    partitionDisk('EFI on MBR', 'MBR', [{ type: 'EFI', fileSystem: 'FAT32', size: '100' }]),
    partitionDisk('Too much', 'GPT', [{ type: 'Primary', fileSystem: 'NTFS', size: '150', units: '%' }]),
  ]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 2);
  const problems = (r.report.problems ?? []).filter((p) => p.severity === 'error');
  assert.ok(problems.some((p) => p.path === 'Five primaries'), JSON.stringify(problems));
  assert.ok(problems.some((p) => p.path === 'EFI on MBR'), JSON.stringify(problems));
  assert.ok(problems.some((p) => p.path === 'Too much' && /Partitions0Size/.test(p.field ?? '')), JSON.stringify(problems));
});

test('a plan that does not fit the actual disk fails the step without touching the disk', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([partitionDisk('Huge', 'GPT', [{ type: 'Primary', fileSystem: 'NTFS', size: '4096', units: 'GB' }])]));
  const r = await runSequenceFile(file, dir, ['--machine', 'hyperv-vm']);
  assert.equal(r.code, 1);
  assert.match(r.report.steps[0].reason ?? '', /partition 1/i);
  assert.deepEqual(sfdisk_or_none(join(dir, 'state', 'machine', 'disks', 'disk0.img')), 'none');
});

function sfdisk_or_none(image: string): string {
  try {
    execFileSync('sfdisk', ['--json', image], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return 'table';
  } catch {
    return 'none';
  }
}

test('BIOS to UEFI with MBR2GPT: the disk converts in place and the next restart boots the installed OS in UEFI', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    command('Validate the disk', 'MBR2GPT.exe /validate /disk:0'),
    command('Convert the disk', 'MBR2GPT.exe /convert /disk:0'),
    restart('Restart into Windows', 'HD'),
    setVariable('Firmware now', 'FirmwareNow', '%_SMSTSBootUEFI%'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'bios-desktop']);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(r.report.variables.FirmwareNow, 'true');
  const image = join(dir, 'state', 'machine', 'disks', 'disk0.img');
  assert.equal(sfdisk(image).label, 'gpt');
  assert.match(execFileSync('sgdisk', ['--verify', image], { encoding: 'utf8' }), /No problems found/);
  assert.ok(r.log.some((e) => /MBR2GPT: Conversion completed successfully/.test(e.message)), 'the tool output is in the log');
});

test('MBR2GPT refuses a disk that breaks its preconditions, with the reason in the output', async () => {
  const dir = workDir();
  const four = Array.from({ length: 4 }, (_, i) => ({ type: 'Primary', fileSystem: 'NTFS', size: i === 3 ? '100' : '10', units: i === 3 ? '%' : 'GB', volumeName: `P${i}` }));
  const file = writeFixture(dir, 'ts.xml', sequence([
    partitionDisk('Four primaries', 'MBR', four),
    command('Convert', 'MBR2GPT.exe /convert /disk:0', { continueOnError: true, outputVariable: 'Mbr2GptOutput' }),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'hyperv-vm']);
  assert.equal(r.report.steps[1].exitCode, 6);
  assert.match(r.report.variables.Mbr2GptOutput, /disk 0/i);
  assert.equal(sfdisk(join(dir, 'state', 'machine', 'disks', 'disk0.img')).label, 'dos');
});

test('TSUEFIDrive: a restart into Windows PE from a BIOS machine stages the boot image on the FAT32 partition and comes up in UEFI', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    setVariable('Before', 'UefiBefore', '%_SMSTSBootUEFI%'),
    partitionDisk('Partition for UEFI', 'GPT', [
      { type: 'Primary', fileSystem: 'FAT32', size: '1000', units: 'MB', volumeName: 'TSUEFI', letterVariable: 'TSUEFIDrive' },
      { type: 'Primary', fileSystem: 'NTFS', size: '100', units: '%', volumeName: 'Windows', letterVariable: 'OSDisk' },
    ]),
    restart('Restart into Windows PE', 'WinPE'),
    setVariable('After', 'UefiAfter', '%_SMSTSBootUEFI%'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'bios-desktop']);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(r.report.variables.UefiBefore, 'false');
  assert.equal(r.report.variables.UefiAfter, 'true');
});
