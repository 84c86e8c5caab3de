/**
 * Capture Operating System Image: in Windows PE, captures every NTFS/FAT32 volume with a drive letter on the fixed
 * disks into one WIM, one image per volume in disk/partition order, with the creator, description and version given.
 */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { captureAll, prepareCapture } from './capture-flow.ts';
import { validateCaptureSystemImage } from './validate.ts';
import { captureSystemImageManifest } from './manifest.ts';

export { CAPTURE_SYSTEM_IMAGE_TYPE } from './manifest.ts';
export { planCaptureVolumes, renderImageName, letteredVolumes } from './capture-volumes.ts';
export type { CapturePlan, CaptureVolume, SkippedVolume } from './capture-volumes.ts';
export { parseCaptureOptions, parseCaptureDestination, CAPTURE_OPTION_VARIABLES, MAX_TEXT_LENGTH, MAX_VERSION_LENGTH } from './parse-options.ts';
export type { CaptureOptions, CaptureDestination, ParsedCaptureOptions } from './parse-options.ts';
export { prepareCapture, captureAll, captureFailure, findOsVolume, OS_MARKER } from './capture-flow.ts';
export type { PreparedCapture } from './capture-flow.ts';

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Capture Operating System Image runs only in Windows PE' };
  const prepared = prepareCapture(ctx);
  if ('exitCode' in prepared) return prepared;
  return captureAll(ctx, prepared);
}

/** Capture Operating System Image (`SMS_TaskSequence_CaptureSystemImageAction`). */
export const captureSystemImageStep: StepModule = {
  id: 'capture-system-image',
  component: 'CaptureSystemImage',
  manifest: captureSystemImageManifest,
  runIn: 'WinPE',
  // The first image is written with `create`, which replaces the file, so a rerun starts the WIM over.
  rerunnable: true,
  ports: ['disks', 'imaging', 'volumes'],
  validate: validateCaptureSystemImage,
  run,
};
