/**
 * Applying an image of a WIM (or split set) straight onto an NTFS volume's block device: `wimlib-imagex apply` in its
 * NTFS-3G mode writes the file system itself and keeps security descriptors, alternate data streams and reparse
 * points, which extracting into a mounted folder would lose.
 */
import type { ApplyImageRequest } from '../../../../engine/index.ts';
import { findImage, readWim } from '../../../formats/wim/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { requireDriveLetter } from '../../plan/command-plan.ts';
import { planOneVolume, refuseMounted, type ImagingVolume } from './imaging-volume.ts';
import { runPlanned, type ImagingProgress } from './run-planned.ts';

/**
 * Applies `request.index` of the WIM at `request.path` (a host path: the `.wim`, or the first `.swm` of a split set
 * whose other parts are passed one by one) onto `volume`, as the planner's `applyImage` action says. Nothing runs
 * before the WIM reads, the index exists, the volume is not mounted and is NTFS. Returns the image's file count and bytes.
 * @throws InvalidInputError for an unreadable WIM, a missing split part or an index out of range (listing the
 *   images); TaskseqError('unsupported') for a mounted volume, one that is not NTFS or a failed apply (naming the command line
 *   and wimlib's error lines); the runner's `tool-missing` when wimlib-imagex is not installed
 */
export async function applyImage(
  run: RunProcess, request: ApplyImageRequest, volume: ImagingVolume, onProgress?: ImagingProgress,
): Promise<{ files: number; bytes: number }> {
  const facts = readWim(request.path);
  const image = findImage(facts, request.index);
  const letter = requireDriveLetter(volume.letter);
  const what = `cannot apply image ${image.index} (${image.name}) of ${request.path} to ${letter}`;
  refuseMounted(volume.device, what);
  const { planner, machine } = planOneVolume(volume);
  const actions = planner.applyImage({ ...request, target: letter }, facts.parts, machine);
  await runPlanned(run, actions, what, onProgress);
  return { files: image.fileCount, bytes: image.totalBytes };
}
