/**
 * Facts about Windows Setup that the steps (which predict it) and the backends (which model or drive it) share: where
 * an applied Windows keeps its answer file and its SetupComplete.cmd, and when the sequence could not resume after
 * Setup (pure).
 */
import type { WindowsInstallation } from './ports/windows.ts';

/** The answer file Windows Setup reads at the first boot of an applied Windows, relative to its volume. */
export const ANSWER_FILE_PATH = 'Windows\\Panther\\unattend.xml';
/** The script Windows Setup runs when it finishes, relative to the volume; the engine's resume hook goes there. */
export const SETUP_COMPLETE_PATH = 'Windows\\Setup\\Scripts\\SetupComplete.cmd';
/** The line every backend's resume hook carries, so a SetupComplete.cmd can be told apart from an image's own. */
export const RESUME_HOOK_MARKER = 'rem taskseq resume hook';

export type ResumeFacts = Pick<WindowsInstallation, 'drive' | 'caption' | 'editionId' | 'productType' | 'oemProductKey' | 'setupComplete'>;

/** Windows Setup skips SetupComplete.cmd with an OEM product key, except on Enterprise editions and Windows Server. */
export function oemKeySkipsSetupComplete(w: Omit<ResumeFacts, 'drive' | 'setupComplete'>): boolean {
  return w.oemProductKey && w.productType === 1 && !/enterprise/i.test(w.editionId ?? w.caption);
}

/**
 * Why the sequence would not resume after Windows Setup on this installation, or undefined: the image's own
 * SetupComplete.cmd (Setup runs it instead of the hook), or an OEM key that makes Setup skip the file. A missing file
 * is not a problem here: the hook is installed before the restart.
 */
export function resumeProblem(w: ResumeFacts): string | undefined {
  if (w.setupComplete === 'custom') {
    return `the image has its own ${w.drive}\\${SETUP_COMPLETE_PATH}; Windows Setup runs that file instead of the task sequence's hook, so the sequence would not continue after Setup: remove it from the image (or call the hook from it)`;
  }
  if (oemKeySkipsSetupComplete(w)) {
    return `the image on ${w.drive} (${w.editionId ?? w.caption}) holds an OEM product key; Windows Setup does not run SetupComplete.cmd with OEM keys except on Enterprise and Server editions, so the sequence would not continue after Setup: use an image with a volume licence or an Enterprise edition`;
  }
  return undefined;
}
