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

  const mbr: DiskFacts = {
    ...disk, style: 'MBR', partitions: [
      { number: 1, role: 'Primary', offsetBytes: MIB, sizeBytes: 100 * MIB, active: true, volume: { letter: 'S:', fileSystem: 'NTFS', label: 'System Reserved', sizeBytes: 100 * MIB, usedBytes: 0 } },
      { ...disk.partitions[1], active: false },
    ],
  };
  const machineOf = (disks: DiskFacts[]): PlanMachine => ({ ...machine, disks });

  it('BIOS boot files: the files onto the active partition, then GRUB\'s core image for it and grub-bios-setup onto the disk', () => {
    const actions = planner.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'BIOS' }, machineOf([mbr]));
    assert.deepEqual(actions.map((a) => a.kind), ['command', 'work', 'work', 'work', 'command', 'work', 'command', 'work', 'command', 'command']);
    const commands = actions.flatMap((a) => (a.kind === 'command' ? [a] : []));
    assert.deepEqual(commands[0]!.argv, ['sfdisk', '--json', '<disk 0>'], 'the disk signature the BCD store names, read once');
    assert.deepEqual(commands[1]!.argv, ['mount', '-t', 'tmpfs', '-o', 'size=1m,mode=0700', '<disk 0>', '<boot code folder>']);
    assert.deepEqual(commands[2], {
      kind: 'command',
      argv: ['grub-mkimage', '--format', 'i386-pc', '--directory', '/usr/lib/grub/i386-pc', '--prefix', '(,msdos1)/', '--config', '<boot code folder>/core.cfg',
        '--output', '<boot code folder>/core.img', 'biosdisk', 'part_msdos', 'ntfs', 'ntldr', 'boot'],
    });
    assert.deepEqual(commands[4]!.argv, ['umount', '<boot code folder>']);
    assert.deepEqual(commands[3]!.argv, ['/usr/lib/grub/i386-pc/grub-bios-setup', '--skip-fs-probe', '--directory', '<boot code folder>', '--boot-image', 'boot.img', '--core-image', 'core.img', '<disk 0>']);
    const text = JSON.stringify(actions);
    assert.match(text, /to \\\\bootmgr on the active partition <disk 0 partition 1>/);
    assert.match(text, /BCD store \\\\Boot\\\\BCD on <disk 0 partition 1>.*winload\.exe.*disk signature and offset/);
    assert.match(text, /core\.cfg, the core image's configuration, in <boot code folder>: ntldr \/bootmgr; boot/);
    assert.match(text, /fits in the 1048064 bytes between the MBR and the first partition of <disk 0>/);
  });

  it('BIOS boot files are refused on a GPT disk, without an active partition and onto a system partition that is not NTFS', () => {
    const reasonFor = (d: DiskFacts) => {
      const actions = planner.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'BIOS' }, machineOf([d]));
      assert.equal(actions.length, 1);
      return actions[0]!.kind === 'refused' ? actions[0]!.reason : assert.fail('not refused');
    };
    assert.equal(reasonFor(disk), 'cannot write BIOS boot files to disk 0 (<disk 0>): it is a GPT disk, and Windows starts from BIOS only on an MBR disk (partition it MBR, or deploy with UEFI)');
    assert.equal(reasonFor({ ...mbr, partitions: mbr.partitions.map((p) => ({ ...p, active: false })) }), 'cannot write BIOS boot files: disk 0 (<disk 0>) has no active partition');
    const fat: DiskFacts = { ...mbr, partitions: [{ ...mbr.partitions[0]!, volume: { ...mbr.partitions[0]!.volume!, fileSystem: 'FAT32' } }, mbr.partitions[1]!] };
    assert.match(reasonFor(fat), /the active partition 1 of disk 0 \(<disk 0>\) is FAT32; the Linux backend writes them to an NTFS system partition only/);
  });

  it('ALL: the UEFI and the BIOS actions, each disk\'s identity read once', () => {
    const esp: DiskFacts = { ...disk, index: 1, partitions: [disk.partitions[0]!] };
    const actions = planner.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'ALL' }, machineOf([mbr, esp]));
    const sfdisk = actions.flatMap((a) => (a.kind === 'command' && a.argv[0] === 'sfdisk' ? [a.argv.at(-1)] : []));
    assert.deepEqual(sfdisk, ['<disk 1>', '<disk 0>']);
    assert.deepEqual(actions.flatMap((a) => (a.kind === 'command' ? [a.argv[0]] : [])), ['sfdisk', 'sfdisk', 'efibootmgr', 'mount', 'grub-mkimage', '/usr/lib/grub/i386-pc/grub-bios-setup', 'umount']);
  });

  it('refuses what only Windows runs: command lines, Sysprep, user state', () => {
    assert.equal(planner.runCommand({ kind: 'command-line', commandLine: 'cmd /c dir', secret: false })[0].kind, 'refused');
    assert.equal(planner.generalize({ keepActivation: false, buildMassStorageList: false }, 'C:\\Windows', machine)[0].kind, 'refused');
  });
});
