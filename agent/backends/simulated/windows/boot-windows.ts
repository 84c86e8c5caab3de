/**
 * The installed Windows at machine start and at each restart into it: the profile's installation gets its settings
 * file on first start; a restart into a generalized installation runs the simulated Windows Setup. Every reason to
 * refuse the restart is found before anything changes.
 */
import { findWindowsVolume } from '../disks/disk-setup.ts';
import { volumeFolderPath, type DiskState } from '../disks/disk-state.ts';
import { findEntry, putFile, readText, splitVolumePath } from '../../host-files/volume-files.ts';
import type { MachineProfile } from '../profile/profile-types.ts';
import { ANSWER_FILE_PATH, TaskseqError } from '../../../../engine/index.ts';
import { readAnswerFileSettings } from './answer-file-settings.ts';
import { stateFromProfile } from './identity.ts';
import { loadInstallation } from './machine-windows-port.ts';
import { resumeBlocker, runWindowsSetup, type SetupVolume } from './windows-setup.ts';
import { readWindowsState, writeWindowsState, type WindowsState } from './windows-state.ts';

/** The volume folder of the Windows the firmware boots (the first volume holding `Windows\System32`). */
export function bootWindowsRoot(stateDir: string, disks: readonly DiskState[]): string | undefined {
  const found = findWindowsVolume(stateDir, disks);
  return found ? volumeFolderPath(stateDir, found.disk, found.partition) : undefined;
}

/** On a fresh machine: the profile's installed Windows gets its settings file (computer name, membership, client). */
export function seedProfileWindows(stateDir: string, profile: MachineProfile, disks: readonly DiskState[], machineName: string): void {
  const root = bootWindowsRoot(stateDir, disks);
  if (!root || readWindowsState(root)) return;
  const hasClient = ['Windows\\ccmcache', 'Windows\\CCM'].some((p) => findEntry(root, splitVolumePath(p)) !== undefined);
  const state = stateFromProfile(profile, hasClient, machineName);
  if (state) writeWindowsState(root, { ...state, profileContent: true });
}

function setupVolume(root: string, name: string): SetupVolume {
  return {
    name,
    readFile: (path) => readText(root, splitVolumePath(path)),
    writeFile: (path, content) => putFile(root, splitVolumePath(path), { content }),
  };
}

export interface PlannedBoot {
  root: string;
  state: WindowsState;
}

/**
 * Checks a restart into the installed Windows: there must be one, and when it is generalized its Setup must be able
 * to resume the sequence and read the answer file.
 * @throws TaskseqError('unsupported') naming the reason; InvalidInputError for a malformed answer file
 */
export function planBoot(stateDir: string, disks: readonly DiskState[], host: { architecture: string; machineName(): string }, profileName: string): PlannedBoot {
  const found = findWindowsVolume(stateDir, disks);
  const root = bootWindowsRoot(stateDir, disks);
  const state = root ? loadInstallation(root, host) : undefined;
  if (!root || !state) {
    throw new TaskseqError('unsupported', `cannot boot the installed OS: no volume of machine ${profileName} holds Windows (Windows\\System32)`);
  }
  if (state.phase === 'generalized') {
    const letter = disks.find((d) => d.index === found?.disk)?.partitions.find((p) => p.number === found?.partition)?.letter;
    const volume = setupVolume(root, letter ?? 'the Windows volume');
    const blocker = resumeBlocker(state, volume);
    if (blocker) throw new TaskseqError('unsupported', blocker);
    const answer = volume.readFile(ANSWER_FILE_PATH);
    if (answer !== undefined) readAnswerFileSettings(answer, ANSWER_FILE_PATH);
  }
  return { root, state };
}

/** Boots the planned installation: Windows Setup when it is generalized. Returns the running computer name. */
export function completeBoot(plan: PlannedBoot, letter: string, serialNumber: string): { computerName: string; setup: string[] } {
  const setup = runWindowsSetup(plan.state, setupVolume(plan.root, letter), serialNumber);
  if (setup.length > 0) writeWindowsState(plan.root, plan.state);
  return { computerName: plan.state.computerName ?? 'MINWINPC', setup };
}
