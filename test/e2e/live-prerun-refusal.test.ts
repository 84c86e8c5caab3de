/**
 * A live run refuses, before anything is touched, every step its backend cannot do: on the Linux backend a Windows
 * command line, a PowerShell script, Sysprep, USMT and restarts. No loop device is needed: the refusal comes before
 * the target disks are even probed, and the state folder is never created.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, workDir, writeFixture } from '../support/harness.ts';
import { command, group, partitionDisk, prepareWindows, restart, sequence } from '../support/sequence-builder.ts';

const LAYOUT = [{ type: 'Primary' as const, fileSystem: 'NTFS' as const, size: '100', units: '%' as const, volumeName: 'Windows' }];

test('the Linux backend refuses Windows-only steps before the run, each with its file, line, step path and field', async () => {
  const dir = workDir('taskseq-prerun-');
  const file = writeFixture(dir, 'ts.xml', sequence([
    partitionDisk('Partition', 'MBR', LAYOUT),
    command('Linux tool', "/bin/sh -c 'echo from the live system'"),
    command('Windows tool', 'cmd.exe /c ver'),
    group('Optional', [command('Optional Windows tool', 'tool.exe /quiet')], { continueOnError: true }),
    restart('Into Windows', 'HD'),
    prepareWindows('Generalize', { runIn: 'FullOS' }),
  ]));
  const state = join(dir, 'state');
  const r = await runCli(['run', file, '--backend', 'linux', '--target-disk', '/dev/loop-not-there', '--state-dir', state, '--log-dir', join(dir, 'logs')]);
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.includes('refused-by-backend'));
  assert.deepEqual(lines.map((l) => l.replace(/^.*ts\.xml:\d+: /, '').replace(/: refused before the run by the linux backend: .*$/, '')), [
    'error [refused-by-backend] Windows tool: CommandLine',
    'warning [refused-by-backend] Optional/Optional Windows tool: CommandLine',
    'error [refused-by-backend] Into Windows: SMSRebootTarget',
    'error [refused-by-backend] Generalize',
  ]);
  assert.match(lines[0]!, /ts\.xml:\d+: .*a Windows command line cannot run on the Linux backend; it is not attempted/);
  assert.match(lines[1]!, /the group Optional continues on error, so a run fails the step \(exit code 50\)/);
  assert.match(lines[2]!, /does not restart the machine/);
  assert.match(lines[3]!, /Sysprep runs only in Windows/);
  assert.ok(!lines.some((l) => l.includes('Linux tool')));
  assert.equal(existsSync(state), false, 'nothing was written before the refusal');
});

test('the simulated machine runs the same sequence (it refuses nothing in advance)', async () => {
  const dir = workDir('taskseq-prerun-');
  const file = writeFixture(dir, 'ts.xml', sequence([command('Windows tool', 'cmd.exe /c ver')]));
  const r = await runCli(['run', file, '--state-dir', join(dir, 'state'), '--log-dir', join(dir, 'logs')]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr + r.stdout, /refused-by-backend/);
});
