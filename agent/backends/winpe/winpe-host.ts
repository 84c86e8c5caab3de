/**
 * The Windows PC the Windows backend runs on, as one object: its process runner, its facts, where its drive letters
 * are and where the agent lives. On Windows it is this PC ({@link thisWindowsHost}); a test gives a stand-in whose
 * runner replays recorded program output and whose letters are folders (the one seam of the backend's tests).
 */
import { tmpdir } from 'node:os';
import type { RunProcess } from '../process/process-types.ts';
import type { MachineProfile } from '../simulated/index.ts';

export interface WindowsHost {
  /** `process.platform` of the PC: the backend refuses to start anywhere but `win32`. */
  platform: string;
  /** Every program the backend starts goes through it: the Windows process runner, which takes `line` as written. */
  run: RunProcess;
  /** The facts the backend does not read itself yet (hardware, network, PnP, firmware, Windows PE or not). */
  profile?: MachineProfile;
  /** The agent's `%TEMP%` (in Windows PE under X:\Windows\Temp): where diskpart scripts are written. */
  tempDir: string;
  /** The folder a volume's files are reached through: `C:\` on Windows. */
  volumeRoot(letter: string): string;
  /** Drive letters holding the agent's own files, its state folder or its media (refused as targets). */
  agentDrives: readonly string[];
}

/** `C:\x\y` -> `C:`; undefined for a path without a drive letter. */
function driveOfPath(path: string | undefined): string | undefined {
  const m = path ? /^([A-Za-z]):/.exec(path) : null;
  return m ? `${m[1]!.toUpperCase()}:` : undefined;
}

/**
 * This PC. `run` is the runner the backend uses on Windows (the Windows process runner once it exists; until then
 * whatever the composition root hands in). `stateDir`: the run's state folder, whose drive is the agent's too.
 */
export function thisWindowsHost(run: RunProcess, stateDir: string): WindowsHost {
  const drives = [process.execPath, process.argv[1], process.cwd(), stateDir].map(driveOfPath).filter((d): d is string => d !== undefined);
  return {
    platform: process.platform, run, tempDir: process.env.TEMP ?? tmpdir(),
    volumeRoot: (letter) => `${letter.slice(0, 1).toUpperCase()}:\\`, agentDrives: [...new Set(drives)],
  };
}
