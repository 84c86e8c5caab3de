/**
 * The one list of external programs taskseq runs, and who needs each. `taskseq doctor`, the check that runs before
 * the test suite and the demo's set-up all read it, so "which tools does taskseq need" has a single answer.
 */

/** What a tool is needed for: a backend, or the project's own test suite. */
export type ToolUse = 'simulated' | 'linux' | 'winpe' | 'tests';

export const TOOL_USES: readonly ToolUse[] = ['simulated', 'linux', 'winpe', 'tests'];

/** The operating system a tool runs on, as `process.platform` names it. */
export type ToolPlatform = 'linux' | 'win32';

export interface RequiredTool {
  /** Program name as found on the PATH (Windows tools without `.exe`). */
  command: string;
  /** The one folder it is looked for in, for a program its package keeps off the PATH. */
  folder?: string;
  platform: ToolPlatform;
  /** Debian package (linux) or the Windows component that brings it (win32). */
  packageName: string;
  /** Arguments that make it print its version on the first lines; absent when it has no such option. */
  versionArgs?: readonly string[];
  uses: readonly ToolUse[];
  /** Why taskseq runs it, for the doctor's listing. */
  purpose: string;
}

/** A backend as the doctor reports it: where it runs and whether this version can run it live. */
export interface BackendInfo {
  use: Exclude<ToolUse, 'tests'>;
  title: string;
  /** Platforms it runs on; undefined = any (the simulated machine). */
  platform?: ToolPlatform;
  /** Said next to the backend so that nobody reads a tool list as "this backend works". */
  status: string;
}

export const BACKENDS: readonly BackendInfo[] = [
  { use: 'simulated', title: 'simulated machine', status: 'available' },
  { use: 'linux', title: 'Linux live environment', platform: 'linux', status: 'runs UEFI and BIOS deployments onto --target-disk disks; restarts and Windows-only steps are refused' },
  { use: 'winpe', title: 'Windows PE and full OS', platform: 'win32', status: 'renderers only: this version does not run live deployments yet' },
];

export const REQUIRED_TOOLS: readonly RequiredTool[] = [
  { command: 'wimlib-imagex', platform: 'linux', packageName: 'wimtools', versionArgs: ['--version'], uses: ['simulated', 'linux', 'tests'], purpose: 'applies and captures WIM images' },
  { command: 'sfdisk', platform: 'linux', packageName: 'fdisk', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'writes and reads partition tables' },
  { command: 'fdisk', platform: 'linux', packageName: 'fdisk', versionArgs: ['--version'], uses: ['tests'], purpose: 'reads 4096-byte-sector disk images back' },
  { command: 'sgdisk', platform: 'linux', packageName: 'gdisk', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'GPT attributes and verification' },
  { command: 'mkfs.fat', platform: 'linux', packageName: 'dosfstools', uses: ['linux', 'tests'], purpose: 'formats FAT32 system partitions' },
  { command: 'fsck.fat', platform: 'linux', packageName: 'dosfstools', uses: ['tests'], purpose: 'checks the FAT32 volumes the disk and boot file tests write' },
  { command: 'mkfs.ntfs', platform: 'linux', packageName: 'ntfs-3g', uses: ['linux', 'tests'], purpose: 'formats NTFS volumes' },
  { command: 'ntfs-3g', platform: 'linux', packageName: 'ntfs-3g', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'mounts NTFS volumes to write files' },
  { command: 'ntfsls', platform: 'linux', packageName: 'ntfs-3g', versionArgs: ['--version'], uses: ['tests'], purpose: 'lists NTFS volumes without mounting them, in the disk and imaging tests' },
  { command: 'lsblk', platform: 'linux', packageName: 'util-linux', versionArgs: ['--version'], uses: ['linux'], purpose: 'lists the block devices a live run may target' },
  { command: 'blkid', platform: 'linux', packageName: 'util-linux', versionArgs: ['--version'], uses: ['linux'], purpose: 'reads file system types and labels' },
  { command: 'losetup', platform: 'linux', packageName: 'mount', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'attaches disk image files as loop devices (and a partition of one by offset)' },
  { command: 'blockdev', platform: 'linux', packageName: 'util-linux', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'flushes the buffer caches of a disk and its partition devices between phases (and reads loop device sizes in the safety tests)' },
  { command: 'partx', platform: 'linux', packageName: 'util-linux', versionArgs: ['--version'], uses: ['linux'], purpose: 'asks the kernel to re-read a partition table it just wrote' },
  { command: 'mount', platform: 'linux', packageName: 'mount', versionArgs: ['--version'], uses: ['linux'], purpose: 'mounts the small memory file system the BIOS boot code is made in' },
  { command: 'umount', platform: 'linux', packageName: 'mount', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'unmounts NTFS volumes before their device is written' },
  { command: 'fusermount', platform: 'linux', packageName: 'fuse3', versionArgs: ['--version'], uses: ['linux'], purpose: 'unmounts an NTFS volume umount could not' },
  { command: 'ntfsinfo', platform: 'linux', packageName: 'ntfs-3g', uses: ['tests'], purpose: 'reads NTFS volume labels back in the disk tests' },
  { command: 'fatlabel', platform: 'linux', packageName: 'dosfstools', uses: ['tests'], purpose: 'reads FAT32 labels back in the disk tests' },
  { command: 'hivexregedit', platform: 'linux', packageName: 'libwin-hivex-perl', uses: ['tests'], purpose: 'reads the BCD stores the boot file tests write back' },
  { command: 'hivexget', platform: 'linux', packageName: 'libhivex-bin', uses: ['tests'], purpose: 'reads single values of the BCD stores the tests write' },
  { command: 'efibootmgr', platform: 'linux', packageName: 'efibootmgr', versionArgs: ['--version'], uses: ['linux'], purpose: 'writes UEFI boot entries' },
  { command: 'mcopy', platform: 'linux', packageName: 'mtools', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'copies boot files onto FAT32 system partitions without mounting them' },
  { command: 'mdir', platform: 'linux', packageName: 'mtools', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'lists FAT32 system partitions without mounting them' },
  { command: 'grub-mkimage', platform: 'linux', packageName: 'grub-pc-bin', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'makes the BIOS boot code (a GRUB core image that starts bootmgr)' },
  { command: 'grub-bios-setup', folder: '/usr/lib/grub/i386-pc', platform: 'linux', packageName: 'grub-pc-bin', versionArgs: ['--version'], uses: ['linux', 'tests'], purpose: 'writes the BIOS boot code to the MBR and the gap before the first partition' },
  { command: 'qemu-system-x86_64', platform: 'linux', packageName: 'qemu-system-x86', versionArgs: ['--version'], uses: ['tests'], purpose: 'boots the BIOS disks the Linux backend writes, in an emulated PC, to prove the boot chain' },
  { command: 'nginx', platform: 'linux', packageName: 'nginx', versionArgs: ['-v'], uses: ['tests'], purpose: 'serves deployment sources to the transfer tests' },
  { command: 'openssl', platform: 'linux', packageName: 'openssl', versionArgs: ['version'], uses: ['tests'], purpose: 'makes the transfer tests\' certificate authority' },
  { command: 'diskpart', platform: 'win32', packageName: 'Windows PE / Windows', uses: ['winpe'], purpose: 'partitions and formats disks' },
  { command: 'dism', platform: 'win32', packageName: 'Windows PE / Windows', uses: ['winpe'], purpose: 'applies and captures images, adds drivers' },
  { command: 'bcdboot', platform: 'win32', packageName: 'Windows PE / Windows', uses: ['winpe'], purpose: 'writes boot files' },
  { command: 'reg', platform: 'win32', packageName: 'Windows PE / Windows', uses: ['winpe'], purpose: 'reads registry facts for conditions' },
  { command: 'powershell', platform: 'win32', packageName: 'WinPE-WMI, WinPE-NetFx and WinPE-PowerShell optional components', uses: ['winpe'], purpose: 'reads the WMI facts conditions ask for, runs PowerShell steps' },
  { command: 'scanstate', platform: 'win32', packageName: 'User State Migration Tool (Windows ADK)', uses: ['winpe'], purpose: 'captures user state' },
  { command: 'loadstate', platform: 'win32', packageName: 'User State Migration Tool (Windows ADK)', uses: ['winpe'], purpose: 'restores user state' },
];

/** The tools `use` needs on `platform`. */
export function toolsFor(use: ToolUse, platform: string): RequiredTool[] {
  return REQUIRED_TOOLS.filter((t) => t.uses.includes(use) && t.platform === platform);
}

/** The Node.js major version taskseq needs (package.json `engines`). */
export const MIN_NODE_MAJOR = 20;
