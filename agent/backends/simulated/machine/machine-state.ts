/**
 * The mutable part of a simulated machine, persisted to `<stateDir>/machine-state.json` so that a run killed at any
 * point (or restarted by a reboot) continues on the same machine.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidInputError, type MediaType } from '../../../../engine/index.ts';
import type { StorageState } from '../disks/disk-state.ts';
import type { CommandRecord } from './simulated-commands.ts';
import type { LaunchMode, MachineProfile } from '../profile/profile-types.ts';

export const STATE_FILE_NAME = 'machine-state.json';
const FORMAT = 'taskseq-machine-state';

export interface MachineState {
  format: typeof FORMAT;
  version: 2;
  /** Profile name and a hash of its command table: run counts only make sense for the same table. */
  profile: string;
  fingerprint: string;
  environment: { inWinPE: boolean; mediaType: MediaType; launchMode: LaunchMode; machineName: string };
  /** Virtual clock, ISO 8601. */
  clock: string;
  /** Restarts so far. */
  bootCount: number;
  /** Runs per command table entry. */
  commandRuns: number[];
  /** Commands run so far; secret command lines are already replaced. */
  history: CommandRecord[];
  /** Disks, partitions, volumes, letters, optical drives, firmware mode and boot entries. */
  storage: StorageState;
}

/**
 * SHA-256 of the profile's command table. Other fields may differ on resume (a profile captured again has a new
 * clock and addresses); the saved environment and clock win anyway.
 */
export function profileFingerprint(profile: MachineProfile): string {
  return createHash('sha256').update(JSON.stringify(profile.commands ?? [])).digest('hex');
}

export function stateFilePath(stateDir: string): string {
  return join(stateDir, STATE_FILE_NAME);
}

function looksLikeState(data: unknown): data is MachineState {
  const s = data as MachineState;
  return typeof s === 'object' && s !== null && s.format === FORMAT && s.version === 2
    && typeof s.environment?.inWinPE === 'boolean' && typeof s.clock === 'string' && !Number.isNaN(Date.parse(s.clock))
    && Array.isArray(s.commandRuns) && Array.isArray(s.history) && typeof s.bootCount === 'number'
    && Array.isArray(s.storage?.disks) && Array.isArray(s.storage?.opticalDrives) && typeof s.storage?.firmware === 'object';
}

/**
 * The saved state, or undefined when none exists.
 * @throws InvalidInputError when the file is unreadable, not a machine state, or belongs to another profile
 */
export function readMachineState(file: string, profile: MachineProfile): MachineState | undefined {
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InvalidInputError(`${file}: cannot read the saved machine state: ${(err as Error).message}`, [], err);
  }
  if (!looksLikeState(data)) {
    throw new InvalidInputError(`${file}: not a saved machine state (format ${FORMAT}, version 2)`);
  }
  if (data.profile !== profile.name) {
    throw new InvalidInputError(`${file}: saved state belongs to machine profile ${data.profile}, not ${profile.name};`
      + ' resume with the same profile or remove the file');
  }
  if (data.fingerprint !== profileFingerprint(profile)) {
    throw new InvalidInputError(`${file}: the command table of machine profile ${profile.name} changed since the run`
      + ' started; resume with the same profile or remove the file');
  }
  return data;
}

/** Writes `state` atomically and durably: temp file, fsync, rename, fsync of the folder. */
export function writeMachineState(file: string, state: MachineState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, JSON.stringify(state, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  syncFolder(dirname(file));
}

/** Makes the rename durable; Windows cannot open folders for syncing, where the rename is already durable enough. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // best effort, see above
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
