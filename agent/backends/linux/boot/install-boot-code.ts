/**
 * Runs the planned boot code commands (see grub-boot-code.ts): a memory file system on a temp folder of the host,
 * `grub-mkimage` into it, `grub-bios-setup` from it, and its unmount. The core image lives on only in the gap
 * before the first partition.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlannedCommand } from '../../plan/command-plan.ts';
import { toolMissing } from '../../process/find-program.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { requireSuccess } from './command-failure.ts';
import { GRUB_BIOS_SETUP, GRUB_I386_PC, checkCoreFits, coreConfig, inFolder } from './grub-boot-code.ts';

const GRUB_TIMEOUT_MS = 2 * 60_000;

/** The planned commands of the boot code, in the order they run. */
export interface BootCodeCommands {
  mount: PlannedCommand;
  mkimage: PlannedCommand;
  setup: PlannedCommand;
  unmount: PlannedCommand;
}

/** Where the boot code goes: the disk and the gap before its first partition. */
export interface BootCodeTarget {
  disk: string;
  gapBytes: number;
  /** Where boot.img is taken from: GRUB's i386-pc folder (another folder only in tests). */
  grubFolder?: string;
}

/** A core image made and checked, waiting in its folder to be installed. */
export interface PreparedBootCode {
  folder: string;
  coreBytes: number;
  /** Unmounts and removes the folder (also when nothing was installed). */
  dispose(): Promise<void>;
}

async function runPlanned(run: RunProcess, action: PlannedCommand, folder: string, what: string): Promise<void> {
  const argv = inFolder(action.argv, folder);
  requireSuccess(await run({ argv, timeoutMs: GRUB_TIMEOUT_MS }), argv, what);
}

/**
 * Mounts the boot code folder, makes the core image with the planned `grub-mkimage` (embedding {@link coreConfig})
 * and checks that it fits in the gap: before anything is written to the disk.
 * @throws TaskseqError('unsupported') when a command fails or the core image does not fit; 'tool-missing' when
 *   GRUB's i386-pc files are not installed
 */
export async function prepareBootCode(run: RunProcess, commands: BootCodeCommands, target: BootCodeTarget): Promise<PreparedBootCode> {
  const folder = mkdtempSync(join(tmpdir(), 'taskseq-boot-code-'));
  let mounted = false;
  const dispose = async () => {
    if (mounted) await runPlanned(run, commands.unmount, folder, `cannot unmount the BIOS boot code folder ${folder}`);
    mounted = false;
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    await runPlanned(run, commands.mount, folder, `cannot make the BIOS boot code folder for ${target.disk}`);
    mounted = true;
    writeFileSync(join(folder, 'core.cfg'), coreConfig());
    await runPlanned(run, commands.mkimage, folder, `cannot make the BIOS boot code for ${target.disk}`);
    const bootImage = join(target.grubFolder ?? GRUB_I386_PC, 'boot.img');
    if (!existsSync(bootImage)) throw toolMissing(GRUB_BIOS_SETUP, `${bootImage} does not exist`);
    copyFileSync(bootImage, join(folder, 'boot.img'));
    const coreBytes = statSync(join(folder, 'core.img')).size;
    checkCoreFits(target.disk, target.gapBytes, coreBytes);
    return { folder, coreBytes, dispose };
  } catch (e) {
    await dispose().catch(() => undefined);
    throw e;
  }
}

/**
 * Writes GRUB's MBR code and the core image onto the disk with the planned `grub-bios-setup`.
 * @throws TaskseqError('unsupported') when it fails
 */
export async function installBootCode(run: RunProcess, commands: BootCodeCommands, code: PreparedBootCode, disk: string): Promise<void> {
  await runPlanned(run, commands.setup, code.folder, `cannot write the BIOS boot code to ${disk}`);
}
