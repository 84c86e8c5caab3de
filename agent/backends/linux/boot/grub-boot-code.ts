/**
 * The BIOS boot code the Linux backend installs: a Windows image holds none (Windows writes its MBR and partition
 * boot code from inside its own programs), so it comes from the live system's boot-loader package, GRUB's i386-pc
 * files (Debian `grub-pc-bin`). A core image with an embedded configuration loads `\bootmgr` from the active
 * partition of the disk the BIOS started; `grub-bios-setup` writes GRUB's MBR code (keeping the table and the disk
 * signature) and puts the core image in the gap before the first partition, so no GRUB file is on any partition.
 */
import { TaskseqError } from '../../../../engine/index.ts';

/** Where Debian's `grub-pc-bin` keeps the i386-pc files: boot.img, the modules, and `grub-bios-setup` itself. */
export const GRUB_I386_PC = '/usr/lib/grub/i386-pc';

/** `grub-bios-setup` is not on the PATH in Debian: it lives with the files it installs. */
export const GRUB_BIOS_SETUP = `${GRUB_I386_PC}/grub-bios-setup`;

/**
 * The core image's modules: the BIOS disk driver, MBR partition tables, NTFS, the `ntldr` loader (which starts
 * bootmgr as the NTFS boot record would) and `boot`. The configuration is read by the core's own parser, so no
 * `normal` module (and no file of it on a partition) is needed.
 */
export const CORE_MODULES = ['biosdisk', 'part_msdos', 'ntfs', 'ntldr', 'boot'] as const;

/**
 * Stands for the temp folder of the host the core image is made in and installed from; the adapter puts the real
 * folder in its place before it runs a command.
 */
export const BOOT_CODE_FOLDER = '<boot code folder>';

/** MBR boot code is one sector; the core image goes in the sectors after it, up to the first partition. */
const MBR_SECTOR_BYTES = 512;

/**
 * The core image's prefix: partition `partitionNumber` of the disk the BIOS started (GRUB fills the empty disk
 * name with its boot drive), the rule the MBR code of Windows follows for the active partition.
 */
export function corePrefix(partitionNumber: number): string {
  return `(,msdos${partitionNumber})/`;
}

/** The embedded configuration: start the Windows Boot Manager as the partition boot record would. */
export function coreConfig(): string {
  return 'ntldr /bootmgr\nboot\n';
}

/** `grub-mkimage` for the core image, made in {@link BOOT_CODE_FOLDER}. */
export function grubMkimageArgv(partitionNumber: number): string[] {
  return [
    'grub-mkimage', '--format', 'i386-pc', '--directory', GRUB_I386_PC, '--prefix', corePrefix(partitionNumber),
    '--config', `${BOOT_CODE_FOLDER}/core.cfg`, '--output', `${BOOT_CODE_FOLDER}/core.img`, ...CORE_MODULES,
  ];
}

/**
 * A small memory file system on {@link BOOT_CODE_FOLDER} whose source names the target disk. grub-bios-setup reads
 * boot.img and core.img from one folder and works out a "root device" from the file system that folder is on (it
 * uses it for nothing when the core image is embedded): this way that device is the target disk itself, so it
 * never opens a disk of the host, and no boot code file is ever written to a partition.
 */
export function bootCodeMountArgv(disk: string): string[] {
  return ['mount', '-t', 'tmpfs', '-o', 'size=1m,mode=0700', disk, BOOT_CODE_FOLDER];
}

/** Unmounts {@link bootCodeMountArgv}'s file system, and with it the core image and boot.img. */
export function bootCodeUnmountArgv(): string[] {
  return ['umount', BOOT_CODE_FOLDER];
}

/**
 * `grub-bios-setup` onto the disk, with boot.img and core.img from {@link BOOT_CODE_FOLDER}. `--skip-fs-probe`: the
 * disk holds a partition table, not a file system, and the core image goes in the gap, never into a partition.
 */
export function grubBiosSetupArgv(disk: string): string[] {
  return [GRUB_BIOS_SETUP, '--skip-fs-probe', '--directory', BOOT_CODE_FOLDER, '--boot-image', 'boot.img', '--core-image', 'core.img', disk];
}

/** `argv` with {@link BOOT_CODE_FOLDER} replaced by the real folder. */
export function inFolder(argv: readonly string[], folder: string): string[] {
  return argv.map((a) => a.split(BOOT_CODE_FOLDER).join(folder));
}

/** Bytes between the MBR sector and the first partition, where the core image goes. */
export function bootGapBytes(partitionOffsets: readonly number[]): number {
  return partitionOffsets.length === 0 ? 0 : Math.max(0, Math.min(...partitionOffsets) - MBR_SECTOR_BYTES);
}

/**
 * Returns when the core image fits in the gap before the first partition.
 * @throws TaskseqError('unsupported') naming the disk, the gap and the core image's size
 */
export function checkCoreFits(disk: string, gapBytes: number, coreBytes: number): void {
  if (coreBytes <= gapBytes) return;
  throw new TaskseqError('unsupported', `cannot write BIOS boot code to ${disk}: the gap before its first partition holds ${gapBytes} bytes, `
    + `and the boot code's core image needs ${coreBytes} bytes (start the first partition at 1 MiB, as Windows does)`);
}
