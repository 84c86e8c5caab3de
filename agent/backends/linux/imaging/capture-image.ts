/** Capturing an NTFS volume's block device into a WIM with `wimlib-imagex capture|append` in its NTFS-3G mode. */
import { existsSync } from 'node:fs';
import { TaskseqError, type CaptureImageRequest } from '../../../../engine/index.ts';
import { readWim } from '../../../formats/wim/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { requireDriveLetter } from '../../plan/command-plan.ts';
import { planOneVolume, refuseMounted, type ImagingVolume } from './imaging-volume.ts';
import { runPlanned, type ImagingProgress } from './run-planned.ts';

/** The refusals of `append` the simulated machine makes too, before wimlib is started. */
function checkAppend(request: CaptureImageRequest): void {
  if (!existsSync(request.path)) throw new TaskseqError('unsupported', `cannot append to ${request.path}: the file does not exist`);
  const clash = readWim(request.path).images.find((i) => i.name.toLowerCase() === request.name.toLowerCase());
  if (clash) {
    throw new TaskseqError('unsupported',
      `cannot append to ${request.path}: it already holds an image named "${clash.name}" (index ${clash.index})`);
  }
}

/**
 * Captures `volume` into the WIM at `request.path` (a host path; `create` replaces it, `append` adds an image), as
 * the planner's `captureImage` action says, and returns the new image's index read back from the file.
 * @throws TaskseqError('unsupported') for a mounted volume, one that is not NTFS, a missing file or a name already in it for
 *   `append`, or a failed capture (naming the command line and wimlib's error lines)
 */
export async function captureImage(
  run: RunProcess, request: CaptureImageRequest, volume: ImagingVolume, onProgress?: ImagingProgress,
): Promise<{ index: number }> {
  const letter = requireDriveLetter(volume.letter);
  refuseMounted(volume.device, `cannot capture ${letter} into ${request.path}`);
  const { planner, machine, facts } = planOneVolume(volume);
  if (facts.fileSystem !== 'NTFS') {
    throw new TaskseqError('unsupported', `cannot capture volume ${letter}, which is not NTFS: the Linux backend captures NTFS volumes only`);
  }
  if (request.mode === 'append') checkAppend(request);
  const actions = planner.captureImage({ ...request, source: letter }, machine);
  await runPlanned(run, actions, `cannot capture ${letter} into ${request.path}`, onProgress);
  return { index: readWim(request.path).images.length };
}
