// applyLayout and the partition devices against a scripted runner: no command reaches a disk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BlockDevice } from '../block-device.ts';
import { scriptedRun, type ScriptedCommand } from '../probe/test-support/scripted-run.ts';
import { renderSfdiskScript } from '../../../renderers/linux/sfdisk-script.ts';
import { applyLayout, type LayoutTarget } from './apply-layout.ts';
import { executeActions } from './execute-actions.ts';
import { createPartitionDevices, kernelNodeOf, type KernelNodes } from './partition-devices.ts';
import { BIOS, DISK_600, layoutOf, MiB, UEFI } from './test-support/layouts.ts';

const SDZ: BlockDevice = {
  path: '/dev/sdz', kind: 'disk', sizeBytes: 600 * MiB, logicalSectorSize: 512, removable: false, readOnly: false,
  model: 'Lab', serial: 'Z', mountpoints: [], partitions: [],
};
const NO_NODES: KernelNodes = { placeOf: () => undefined };
const ok = (argv: string[], stdout = ''): ScriptedCommand => ({ argv, exitCode: 0, stdout, stderr: '' });
const losetup = (offset: number, size: number, loop: string, disk = '/dev/sdz') =>
  ok(['losetup', '--find', '--show', '--offset', String(offset * MiB), '--sizelimit', String(size * MiB), disk], `${loop}\n`);
/** mkfs.ntfs's boot-sector geometry for a partition starting at `sector`. */
const at = (sector: number) => ['--partition-start', String(sector), '--heads', '255', '--sectors-per-track', '63'];
const SFDISK = ['sfdisk', '--no-reread', '--no-tell-kernel', '--wipe', 'always', '/dev/sdz'];

function target(run: ReturnType<typeof scriptedRun>['run'], kernel = NO_NODES, log?: (m: string) => void): LayoutTarget {
  return {
    facts: DISK_600, devices: createPartitionDevices(run, SDZ, { kernel, ...(log ? { log } : {}) }),
    lettersInUse: new Set(), inWinPE: true, probe: async () => assert.fail('the disk must not be read back after a failure'),
  };
}

describe('applyLayout (scripted)', () => {
  it('a failing sfdisk stops the layout with the command line and its first lines of standard error; nothing is formatted', async () => {
    const s = scriptedRun([
      losetup(1, 100, '/dev/loop11'), losetup(117, 182, '/dev/loop12'), losetup(299, 300, '/dev/loop13'),
      { argv: SFDISK, exitCode: 1, stdout: 'Checking that no-one is using this disk right now ... OK', stderr: '\nsfdisk: /dev/sdz: partition 2: start overlaps\nline two\nline three\nline four\n' },
    ]);
    await assert.rejects(applyLayout(s.run, target(s.run), layoutOf(UEFI)), {
      name: 'TaskseqError',
      message: 'sfdisk --no-reread --no-tell-kernel --wipe always /dev/sdz failed with exit code 1: sfdisk: /dev/sdz: partition 2: start overlaps / line two / line three',
    });
    assert.deepEqual(s.calls.map((c) => c[0]), ['losetup', 'losetup', 'losetup', 'sfdisk']);
  });

  it('sfdisk reads the rendered script on standard input; a failing mkfs names its own command line', async () => {
    const layout = layoutOf(BIOS);
    const inputs: Array<string | undefined> = [];
    const s = scriptedRun([
      losetup(1, 100, '/dev/loop11'), losetup(101, 499, '/dev/loop12'), ok(SFDISK),
      ok(['blockdev', '--flushbufs', '/dev/sdz', '/dev/loop11', '/dev/loop12']), ok(['partx', '--update', '/dev/sdz']),
      { argv: ['mkfs.ntfs', '--quick', '--label', 'System Reserved', ...at(2048), '/dev/loop11'], exitCode: 1, stdout: '', stderr: 'Error opening partition device: Device or resource busy.\n' },
    ]);
    const run: typeof s.run = (r) => { inputs.push(typeof r.input === 'string' ? r.input : undefined); return s.run(r); };
    await assert.rejects(applyLayout(run, target(run), layout), {
      message: "mkfs.ntfs --quick --label 'System Reserved' --partition-start 2048 --heads 255 --sectors-per-track 63 /dev/loop11 failed with exit code 1: Error opening partition device: Device or resource busy.",
    });
    assert.equal(inputs[2], renderSfdiskScript(layout, DISK_600));
  });

  it('a layout the disk cannot hold is refused before any loop device is attached', async () => {
    const layout = layoutOf(UEFI);
    const beyond = { ...layout, partitions: layout.partitions.map((p) => (p.number === 4 ? { ...p, sizeBytes: p.sizeBytes + 10 * MiB } : p)) };
    const s = scriptedRun([]);
    await assert.rejects(applyLayout(s.run, target(s.run), beyond), /^TaskseqError: disk 0 partition 4: /);
    assert.deepEqual(s.calls, []);
  });

  it('the kernel nodes are used where the kernel has the partition at that place; a failed re-read is only logged', async () => {
    const layout = layoutOf(BIOS);
    const kernel: KernelNodes = { placeOf: (p) => (p === '/dev/sdz1' ? { startBytes: MiB, sizeBytes: 100 * MiB } : p === '/dev/sdz2' ? { startBytes: MiB, sizeBytes: MiB } : undefined) };
    const logged: string[] = [];
    const s = scriptedRun([
      losetup(101, 499, '/dev/loop12'), ok(SFDISK),
      ok(['blockdev', '--flushbufs', '/dev/sdz', '/dev/sdz1', '/dev/loop12']),
      { argv: ['partx', '--update', '/dev/sdz'], exitCode: 1, stdout: '', stderr: 'partx: /dev/sdz: failed to read partition table\n' },
      ok(['mkfs.ntfs', '--quick', '--label', 'System Reserved', ...at(2048), '/dev/sdz1']),
      ok(['mkfs.ntfs', '--quick', '--label', 'Windows', ...at(101 * 2048), '/dev/loop12']),
    ]);
    const t = { ...target(s.run, kernel, (m) => logged.push(m)), probe: async () => [] };
    // The probe finds the disk gone: the read-back is checked, not trusted.
    await assert.rejects(applyLayout(s.run, t, layout), /disk 0 \(\/dev\/sdz\) is gone after partitioning/);
    assert.deepEqual(logged, ['partx --update /dev/sdz failed with exit code 1: partx: /dev/sdz: failed to read partition table; partitions are reached through loop devices']);
  });
});

describe('partition devices', () => {
  it('kernel node names: a disk name ending in a digit takes p', () => {
    assert.deepEqual([kernelNodeOf('/dev/sda', 2), kernelNodeOf('/dev/nvme0n1', 1), kernelNodeOf('/dev/loop3', 4)], ['/dev/sda2', '/dev/nvme0n1p1', '/dev/loop3p4']);
  });

  it('loops are cached, attached with the disk\'s sector size, and all detached (a failure named after trying every one)', async () => {
    const disk4k = { ...SDZ, path: '/dev/loop9', kind: 'loop' as const, logicalSectorSize: 4096 };
    const attach = (offset: number, loop: string) => ok(['losetup', '--find', '--show', '--offset', String(offset), '--sizelimit', String(MiB), '--sector-size', '4096', '/dev/loop9'], loop);
    const s = scriptedRun([
      attach(MiB, '/dev/loop20'), attach(2 * MiB, '/dev/loop21'),
      { argv: ['losetup', '--detach', '/dev/loop21'], exitCode: 1, stdout: '', stderr: 'losetup: /dev/loop21: detach failed: No such device\n' },
      ok(['losetup', '--detach', '/dev/loop20']),
    ]);
    const devices = createPartitionDevices(s.run, disk4k, { kernel: NO_NODES });
    const one = { number: 1, offsetBytes: MiB, sizeBytes: MiB };
    assert.equal(await devices.resolve(one), '/dev/loop20');
    assert.equal(await devices.resolve(one), '/dev/loop20');
    await devices.resolve({ number: 2, offsetBytes: 2 * MiB, sizeBytes: MiB });
    await devices.tableChanged();
    assert.equal(devices.pathOf(one), '/dev/loop20', 'a loop disk keeps its partition loops over a new table');
    await assert.rejects(devices.detachAll(), { message: 'could not detach the partition loop devices of /dev/loop9: /dev/loop21 (losetup: /dev/loop21: detach failed: No such device)' });
    assert.throws(() => devices.pathOf(one), /has no device yet: resolve it before naming it/);
    assert.equal(s.calls.filter((c) => c[1] === '--detach').length, 2);
  });
});

describe('executeActions', () => {
  it('a refusal refuses the whole call before any command runs; work is the caller\'s', async () => {
    const s = scriptedRun([]);
    await assert.rejects(executeActions(s.run, [{ kind: 'command', argv: ['true'] }, { kind: 'refused', reason: 'Sysprep runs only in Windows' }]), {
      name: 'TaskseqError', message: 'Sysprep runs only in Windows',
    });
    assert.deepEqual(s.calls, []);
    const done: string[] = [];
    await executeActions(scriptedRun([ok(['true'])]).run, [{ kind: 'work', description: 'copy' }, { kind: 'command', argv: ['true'] }], { work: async (w) => { done.push(w.description); } });
    assert.deepEqual(done, ['copy']);
    await assert.rejects(executeActions(s.run, [{ kind: 'work', description: 'copy' }]), /work the caller must do/);
  });

  it('a program the runner stopped has failed, whatever its exit code', async () => {
    const s = scriptedRun([{ argv: ['mkfs.ntfs', '/dev/x'], exitCode: 143, stdout: '', stderr: '', killed: true }]);
    await assert.rejects(executeActions(s.run, [{ kind: 'command', argv: ['mkfs.ntfs', '/dev/x'] }]), { message: 'mkfs.ntfs /dev/x was stopped (exit code 143)' });
  });
});
