import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiskFacts } from '../../../engine/index.ts';
import type { PlanMachine } from '../plan/command-plan.ts';
import { PLAN_DEVICE_NAMES } from '../plan/device-names.ts';
import { linuxCommandPlanner } from './linux-command-plan.ts';

const MIB = 1024 * 1024;
const disk: DiskFacts = {
  index: 0, sizeBytes: 1024 * MIB, sectorSize: 512, bus: 'NVMe', removable: false, model: 'm', serialNumber: 's', style: 'GPT',
  partitions: [
    { number: 1, role: 'EFI', offsetBytes: MIB, sizeBytes: 100 * MIB, active: false, volume: { letter: 'S:', fileSystem: 'FAT32', label: 'S', sizeBytes: 100 * MIB, usedBytes: 0 } },
    { number: 2, role: 'Primary', offsetBytes: 101 * MIB, sizeBytes: 900 * MIB, active: false, volume: { letter: 'C:', fileSystem: 'NTFS', label: 'W', sizeBytes: 900 * MIB, usedBytes: 0 } },
  ],
};
const machine: PlanMachine = {
  disks: [disk], architecture: 'x64',
  volume: (l) => disk.partitions.filter((p) => p.volume?.letter === l.slice(0, 1).toUpperCase() + ':').map((partition) => ({ letter: partition.volume!.letter!, disk, partition }))[0],
};
const planner = linuxCommandPlanner(PLAN_DEVICE_NAMES);

describe('Linux backend plan', () => {
  it('applies an image onto the NTFS volume device in NTFS-3G mode, with every split part as a reference', () => {
    assert.deepEqual(planner.applyImage({ path: '/c/os.swm', index: 2, target: 'C:' }, ['/c/os.swm', '/c/os2.swm'], machine),
      [{ kind: 'command', argv: ['wimlib-imagex', 'apply', '--ref=/c/os2.swm', '--', '/c/os.swm', '2', '<disk 0 partition 2>'] }]);
  });

  it('refuses an image onto a FAT32 volume and a letter no volume has', () => {
    assert.deepEqual(planner.applyImage({ path: '/c/x.wim', index: 1, target: 'S:' }, ['/c/x.wim'], machine).map((a) => a.kind), ['refused']);
    assert.match(JSON.stringify(planner.captureImage({ source: 'Q:', path: '/o.wim', mode: 'create', name: 'n' }, machine)), /source Q: is not a volume of this machine/);
  });

  it('UEFI boot files: the EFI system partition is the one boot files go to, and the firmware entry points at it', () => {
    const actions = planner.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'UEFI' }, machine);
    const commands = actions.flatMap((a) => (a.kind === 'command' ? [a.argv] : []));
    assert.deepEqual(commands[0], ['sfdisk', '--json', '<disk 0>'], 'the partition GUIDs the BCD store names are read first');
    const efibootmgr = actions.find((a) => a.kind === 'command' && a.argv[0] === 'efibootmgr');
    assert.deepEqual(efibootmgr?.kind === 'command' && efibootmgr.argv, ['efibootmgr', '--create', '--disk', '<disk 0>', '--part', '1', '--label', 'Windows Boot Manager', '--loader', '\\EFI\\Microsoft\\Boot\\bootmgfw.efi']);
    assert.match(JSON.stringify(actions), /EFI system partition <disk 0 partition 1>/);
  });

  it('runs a command line whose program is an absolute POSIX path through /bin/sh -c, and nothing else', () => {
    assert.deepEqual(planner.runCommand({ kind: 'command-line', commandLine: ' /usr/bin/env true ', secret: false }),
      [{ kind: 'command', argv: ['/bin/sh', '-c', '/usr/bin/env true'] }]);
    for (const line of ['//srv/share/x.cmd', 'cmd.exe /c dir', 'setup.exe /q', 'C:\\x.exe', '\\\\srv\\s\\x.cmd', 'sh -c true']) {
      assert.equal(planner.runCommand({ kind: 'command-line', commandLine: line, secret: false })[0].kind, 'refused', line);
    }
  });

  it('BIOS boot files are refused, naming the boot code the image does not hold', () => {
    const mbr: DiskFacts = { ...disk, style: 'MBR', partitions: disk.partitions.map((p) => ({ ...p, role: 'Primary', active: p.number === 2 })) };
    const bios: PlanMachine = { ...machine, disks: [mbr] };
    const actions = planner.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'BIOS' }, bios);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'refused');
    assert.match(JSON.stringify(actions), /the MBR boot code and the NTFS boot record code that load bootmgr are not files of the applied image/);
  });

  it('refuses what only Windows runs: command lines, Sysprep, user state', () => {
    assert.equal(planner.runCommand({ kind: 'command-line', commandLine: 'cmd /c dir', secret: false })[0].kind, 'refused');
    assert.equal(planner.generalize({ keepActivation: false, buildMassStorageList: false }, 'C:\\Windows', machine)[0].kind, 'refused');
  });
});
