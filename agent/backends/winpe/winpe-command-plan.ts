/**
 * What the Windows PE (and full OS) backend runs for each changing port call (pure): diskpart scripts, DISM,
 * bcdboot, Sysprep and USMT command lines from the Windows renderers, and the steps' own command lines as written.
 * `taskseq plan --backend winpe` prints them; the backend itself executes these same actions.
 */
import { renderBcdboot } from '../../renderers/windows/bcdboot-command.ts';
import { renderDiskpartScript } from '../../renderers/windows/diskpart-script.ts';
import { renderAddDriver, renderApplyImage, renderCaptureImage } from '../../renderers/windows/dism-command.ts';
import { renderSysprep } from '../../renderers/windows/sysprep-command.ts';
import { renderLoadState, renderScanState } from '../../renderers/windows/usmt-command.ts';
import { command, driveOf, refused, work, type CommandPlanner, type PlannedAction } from '../plan/command-plan.ts';

/** The agent's `%TEMP%` in Windows PE, where a plan (which reads no environment) says the script goes. */
export const WINPE_TEMP = 'X:\\Windows\\Temp';

/**
 * Where the backend writes a diskpart script before running `diskpart /s` on it: in the agent's `%TEMP%`. A POSIX
 * folder (a test's stand-in for the Windows PC) is joined with `/`.
 */
export function diskpartScriptPath(tempDir: string = WINPE_TEMP): string {
  const separator = tempDir.startsWith('/') ? '/' : '\\';
  return `${tempDir.replace(/[\\/]+$/, '')}${separator}taskseq-diskpart.txt`;
}

export interface WinpePlannerOptions {
  /** The agent's `%TEMP%` folder; {@link WINPE_TEMP} when absent (a plan). */
  tempDir?: string;
}

/** `C:` -> `C:\`, the root DISM's /ApplyDir and /CaptureDir take. */
function rootOf(letter: string): string | undefined {
  const drive = driveOf(letter);
  return drive ? `${drive}\\` : undefined;
}

/** The Windows PE backend's planner. */
export function winpeCommandPlanner(options: WinpePlannerOptions = {}): CommandPlanner {
  const scriptPath = diskpartScriptPath(options.tempDir);
  return {
    // Only the letters the engine gave: a bare `assign` would take the next free letter for an EFI or Recovery
    // volume (often the C: a later partition is to get), which the engine's letter rules never give them.
    partitionDisk(layout, disk, applied) {
      const lettered = { ...layout, partitions: layout.partitions.map((p) => ({ ...p, assignLetter: p.assignLetter && applied.has(p.number) })) };
      return [command(['diskpart.exe', '/s', scriptPath], renderDiskpartScript(lettered, disk, { letters: applied }))];
    },
    applyImage(request, parts) {
      const applyDir = rootOf(request.target);
      if (!applyDir) return [refused(`target ${request.target} is not a drive letter`)];
      const swmPattern = parts.length > 1 ? request.path.replace(/(\.swm)$/i, '*$1') : undefined;
      return [command(renderApplyImage({ ...request, applyDir, ...(swmPattern ? { swmPattern } : {}) }))];
    },
    captureImage(request) {
      const captureDir = rootOf(request.source);
      if (!captureDir) return [refused(`source ${request.source} is not a drive letter`)];
      return [command(renderCaptureImage({ ...request, captureDir }))];
    },
    writeBootFiles: (request) => [command(renderBcdboot(request))],
    addDrivers(request) {
      const imageDir = rootOf(request.target);
      if (!imageDir) return [refused(`target ${request.target} is not a drive letter`)];
      return request.paths.map((driverPath) => command(renderAddDriver({ imageDir, driverPath, recurse: request.recurse, forceUnsigned: request.forceUnsigned })));
    },
    // A line that holds a secret is shown too: whoever prints a plan passes it through the run's redaction.
    runCommand(request) {
      if (request.kind === 'command-line') return [{ kind: 'command', argv: [], line: request.commandLine }];
      return [{ kind: 'command', argv: [], line: request.commandLine, ...(request.script?.source ? { input: request.script.source } : {}) }];
    },
    generalize(request, windowsDir, machine) {
      const plan = renderSysprep({ ...request, windowsDir, architecture: machine.architecture });
      const answer: PlannedAction[] = plan.answerFile ? [work(`write the generalize-pass answer file ${plan.answerFile.path}`)] : [];
      return [...answer, command(plan.argv)];
    },
    captureUserState: (request) => [command(renderScanState(request).shown)],
    // Windows PE restarts with wpeutil, the installed Windows with shutdown; a restart into the boot image stages it.
    restart: (target, fromBootImage) => [
      work(target === 'WinPE' ? 'stage the boot image on the disk and make it the next boot' : 'make the installed Windows the next boot'),
      command(fromBootImage ? ['wpeutil.exe', 'reboot'] : ['shutdown.exe', '/r', '/t', '0']),
    ],
    restoreUserState: (request) => [command(renderLoadState(request).shown)],
  };
}
