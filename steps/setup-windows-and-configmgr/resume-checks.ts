/** What would stop the sequence from resuming after Windows Setup (pure), checked before anything is changed. */
import type { WindowsInstallation } from '../../engine/index.ts';

export const SETUP_COMPLETE = 'Windows\\Setup\\Scripts\\SetupComplete.cmd';

/** Why the sequence would not resume after Setup on this installation, or undefined. */
export function resumeProblem(w: WindowsInstallation): string | undefined {
  if (w.setupComplete === 'custom') {
    return `the image has its own ${w.drive}\\${SETUP_COMPLETE}; Windows Setup runs that file instead of the task sequence's hook, so the sequence would not continue after Setup: remove it from the image (or call the hook from it)`;
  }
  const edition = w.editionId ?? w.caption;
  if (w.oemProductKey && w.productType === 1 && !/enterprise/i.test(edition)) {
    return `the image (${edition}) holds an OEM product key; Windows Setup does not run SetupComplete.cmd with OEM keys except on Enterprise and Server editions, so the sequence would not continue after Setup: use an image with a volume licence or an Enterprise edition`;
  }
  return undefined;
}
