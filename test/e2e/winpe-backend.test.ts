/**
 * The Windows PE backend end to end, through `runDeployment` with the `windowsHost` seam: a stand-in PC whose runner
 * replays diskpart, DISM and bcdboot output recorded in their documented formats (and throws on any call it was not
 * given) and whose drive letters are folders. UEFI and BIOS bare-metal sequences partition disk 0, apply the OS from a
 * content folder WIM and write its boot files; the exact command lines (with diskpart's standard input and scripts)
 * are a golden, regenerated with TASKSEQ_UPDATE_GOLDENS=1. A failing DISM apply reaches `_SMSTSLastActionRetCode`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunEvent, TaskseqError } from '../../engine/index.ts';
import { WINPE_RESTART_REFUSAL, WINPE_SYSPREP_REFUSAL } from '../../agent/backends/winpe/winpe-call-refusal.ts';
import { loadProfile } from '../../agent/backends/simulated/index.ts';
import { readDisksCalls, type RecordedDisk } from '../../agent/backends/winpe/test-support/diskpart-recordings.ts';
import { replayRunner, type ReplayedCall, type ReplayRunner } from '../../agent/backends/winpe/test-support/replay-runner.ts';
import type { WindowsHost } from '../../agent/backends/winpe/winpe-host.ts';
import { writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';
import { runDeployment, type DeploymentReport } from '../../agent/runner/run-deployment.ts';
import { workDir, writeFixture } from '../support/harness.ts';
import { applyOs, BIOS_LAYOUT, command, partitionDisk, prepareWindows, restart, sequence, setVariable, UEFI_LAYOUT } from '../support/sequence-builder.ts';
import { dismApply, DISM_DISK_FULL, WINPE_UEFI, WINPE_BIOS, type WinpeCase } from '../support/winpe-recordings.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const PROJECT = join(HERE, '..', '..');
const CONTENT = join(PROJECT, 'examples', 'content');
const WIM = join(CONTENT, 'DMO00010', 'install.wim');

interface WinpeRun {
  report: DeploymentReport;
  runner: ReplayRunner;
  events: RunEvent[];
  dir: string;
  log: string;
}

/** Runs `xml` on a stand-in Windows PE PC (`profile`'s facts) whose runner replays `calls`. */
async function runOnWinpe(xml: string, profile: string, calls: (dir: string) => ReplayedCall[]): Promise<WinpeRun> {
  const dir = workDir('taskseq-winpe-');
  const file = writeFixture(dir, 'ts.xml', xml);
  mkdirSync(join(dir, 'temp'));
  const runner = replayRunner(calls(dir));
  const host: WindowsHost = {
    platform: 'win32', run: runner.run, profile: loadProfile(profile), tempDir: join(dir, 'temp'),
    volumeRoot: (letter) => join(dir, 'volumes', letter.slice(0, 1).toUpperCase()), agentDrives: ['D:'],
  };
  const events: RunEvent[] = [];
  const report = await runDeployment({
    input: { file, variables: [], allowUnknownSteps: false },
    content: { folder: CONTENT },
    machine: { backend: 'winpe', targetDisks: ['0'], windowsHost: host, strictCommands: false },
    output: { stateDir: join(dir, 'state'), logDir: join(dir, 'logs'), logFormat: 'cmtrace', reset: false, onEvent: (e) => events.push(e) },
  });
  return { report, runner, events, dir, log: readFileSync(report.logFile, 'utf8') };
}

/** The calls as a golden: each command line, then what it was given (stdin, or the diskpart script) indented. */
function transcriptText(runner: ReplayRunner, dir: string): string {
  const local = (t: string) => t.split(dir).join('<dir>').split(PROJECT).join('<project>');
  return runner.transcript.map((c) => {
    const input = c.input === undefined ? [] : c.input.replace(/\r\n$/, '').split(/\r\n/).map((l) => `    | ${l}`);
    return [`$ ${local(c.command)}`, ...input].join('\n');
  }).join('\n') + '\n';
}

function assertGolden(name: string, text: string): void {
  const path = join(HERE, 'fixtures', name);
  if (process.env.TASKSEQ_UPDATE_GOLDENS === '1' || !existsSync(path)) writeFileSync(path, text);
  assert.equal(text, readFileSync(path, 'utf8'), `${name} (regenerate with TASKSEQ_UPDATE_GOLDENS=1)`);
}

/** The whole bare-metal run of `c`: three disk reads, the layout, a read-back, DISM, bcdboot. */
function bareMetalCalls(c: WinpeCase, dism: ReplayedCall): (dir: string) => ReplayedCall[] {
  return (dir) => [
    ...readDisksCalls(c.before, c.others), ...readDisksCalls(c.before, c.others),
    // Formatting gives each lettered volume its root folder.
    { argv: ['diskpart.exe', '/s', join(dir, 'temp', 'taskseq-diskpart.txt')], stdout: c.layoutOutput, effect: () => lettered(c.after).forEach((l) => mkdirSync(join(dir, 'volumes', l), { recursive: true })) },
    ...readDisksCalls(c.after, c.others),
    { ...dism, argv: ['dism.exe', '/Apply-Image', `/ImageFile:${WIM}`, '/Index:1', `/ApplyDir:${c.osDisk}\\`], effect: () => writeFakeWindowsTree(join(dir, 'volumes', c.osDisk.slice(0, 1))) },
    ...(dism.exitCode ? [] : [{ argv: ['bcdboot.exe', `${c.osDisk}\\Windows`], stdout: '\r\nBoot files successfully created.\r\n' }]),
  ];
}

const lettered = (disks: readonly RecordedDisk[]) => disks.flatMap((d) => d.partitions.flatMap((p) => (p.volume?.letter ? [p.volume.letter.slice(0, 1)] : [])));

const bareMetal = (style: 'GPT' | 'MBR') => sequence([
  partitionDisk('Partition Disk 0', style, style === 'GPT' ? UEFI_LAYOUT : BIOS_LAYOUT),
  applyOs('Apply Operating System', 'DMO00010'),
]);

for (const c of [WINPE_UEFI, WINPE_BIOS]) {
  test(`winpe ${c.firmware}: partition disk 0, apply the OS from the content folder and write its boot files`, async () => {
    const r = await runOnWinpe(bareMetal(c.firmware === 'UEFI' ? 'GPT' : 'MBR'), c.profile, bareMetalCalls(c, dismApply()));
    assert.equal(r.report.exitCode, 0, `${r.report.message ?? ''}\n${r.log}`);
    r.runner.done();
    assertGolden(`winpe-${c.firmware.toLowerCase()}.commands.txt`, transcriptText(r.runner, r.dir));
    const v = r.report.variables;
    assert.equal(v.OSDisk, c.osDisk);
    assert.equal(v.OSDTargetSystemDrive, c.osDisk);
    assert.equal(v._SMSTSInWinPE, 'true');
    assert.equal(v._SMSTSBootUEFI, c.firmware === 'UEFI' ? 'true' : 'false');
    assert.equal(v._SMSTSLastActionRetCode, '0');
    assert.deepEqual(r.report.steps.map((s) => [s.name, s.outcome]), [['Partition Disk 0', 'succeeded'], ['Apply Operating System', 'succeeded']]);
    assert.ok(existsSync(join(r.dir, 'volumes', c.osDisk.slice(0, 1), 'Windows', 'System32', 'kernel.txt')), 'DISM\'s files are where the step looks');
    // smsts.log names each program as it starts, in the backend's component.
    for (const line of [`Running: dism.exe /Apply-Image /ImageFile:${WIM} /Index:1 /ApplyDir:${c.osDisk}\\`, `Running: bcdboot.exe ${c.osDisk}\\Windows`]) {
      assert.match(r.log, new RegExp(`<!\\[LOG\\[${escape(line)}\\]LOG\\]!>.*component="Backend"`), line);
    }
    // DISM's progress bars are the Apply OS step's progress, ending at 100.
    const progress = r.events.flatMap((e) => (e.kind === 'step-progress' && e.name === 'Apply Operating System' ? [e.percent] : []));
    assert.ok(progress.length >= 2, JSON.stringify(progress));
    assert.equal(progress.at(-1), 100);
    assert.deepEqual([...progress].sort((a, b) => a - b), progress, 'progress only grows');
  });
}

test('winpe: DISM failing with 0x80070070 fails the step with DISM\'s code and message', async () => {
  const c = WINPE_UEFI;
  const r = await runOnWinpe(bareMetal('GPT'), c.profile, bareMetalCalls(c, { stdout: DISM_DISK_FULL, exitCode: 2147942512 }));
  r.runner.done();
  assert.notEqual(r.report.exitCode, 0);
  assert.equal(r.report.status, 'failed');
  assert.equal(r.report.variables._SMSTSLastActionRetCode, '2147942512');
  const step = r.report.steps.find((s) => s.name === 'Apply Operating System')!;
  assert.equal(step.exitCode, 2147942512);
  assert.match(step.reason ?? '', /dism\.exe \/Apply-Image .* failed with exit code 2147942512 \(Error: 112\): There is not enough space on the disk\. \(DISM log: X:\\Windows\\Logs\\DISM\\dism\.log\)/);
  assert.match(r.log, /There is not enough space on the disk/);
});

test('winpe: Run Command Line passes its line as written; exit codes are unsigned 32-bit', async () => {
  const c = WINPE_UEFI;
  const xml = sequence([
    command('Tool', 'cmd.exe /c "echo done" & exit 3010'),
    command('Crash', 'cmd.exe /c crash.cmd', { continueOnError: true }),
    setVariable('After', 'Reached', '%_SMSTSLastActionRetCode%'),
  ]);
  const r = await runOnWinpe(xml, c.profile, () => [
    ...readDisksCalls(c.before, c.others), ...readDisksCalls(c.before, c.others),
    { line: 'cmd.exe /c "echo done" & exit 3010', stdout: 'done\r\n', exitCode: 3010 },
    { line: 'cmd.exe /c crash.cmd', exitCode: -1073741819 },
  ]);
  r.runner.done();
  assert.equal(r.report.exitCode, 0, r.log);
  assert.deepEqual(r.report.steps.map((s) => [s.name, s.outcome, s.exitCode]), [['Tool', 'succeeded', 3010], ['Crash', 'failed', 3221225477], ['After', 'succeeded', 0]]);
  assert.equal(r.report.variables.Reached, '3221225477');
  assert.match(r.log, /<!\[LOG\[Running: cmd\.exe \/c "echo done" & exit 3010\]LOG\]!>/);
});

test('winpe: a restart or Sysprep is refused before any disk is read', async () => {
  const xml = sequence([partitionDisk('Partition Disk 0', 'GPT', UEFI_LAYOUT), prepareWindows('Generalize', { runIn: 'FullOS' }), restart('Restart', 'HD')]);
  await assert.rejects(runOnWinpe(xml, 'uefi-desktop', () => []), (e: TaskseqError) => {
    const refused = e.problems.filter((p) => p.code === 'refused-by-backend').map((p) => [p.path, p.message.replace(/: .*$/, ''), p.message.replace(/^[^:]*: /, '')]);
    assert.deepEqual(refused, [
      ['Generalize', 'refused before the run by the winpe backend', WINPE_SYSPREP_REFUSAL],
      ['Restart', 'refused before the run by the winpe backend', WINPE_RESTART_REFUSAL],
    ]);
    return true;
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
