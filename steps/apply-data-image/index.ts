/**
 * Apply Data Image: in Windows PE, applies a WIM image as data to the destination volume, wiping it first (protected
 * folders kept) unless `WipeDestinationPartition` is false. No boot files, no answer file, no architecture check.
 */
import type { StepContext, StepDefinitionView, StepModule, StepResult } from '../../engine/step-api.ts';
import { prepareImage, wipeAndApply } from '../shared/image/image-flow.ts';
import { validateImageStep } from '../shared/image/validate-image-step.ts';
import { EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { applyDataImageManifest } from './manifest.ts';

export { APPLY_DATA_IMAGE_TYPE } from './manifest.ts';

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Apply Data Image runs only in Windows PE' };
  const prepared = prepareImage(ctx, 'data');
  if ('exitCode' in prepared) return prepared;
  return (await wipeAndApply(ctx, prepared)) ?? { exitCode: 0 };
}

/** Apply Data Image (`SMS_TaskSequence_ApplyDataImageAction`). */
export const applyDataImageStep: StepModule = {
  id: 'apply-data-image',
  component: 'ApplyOperatingSystem',
  manifest: applyDataImageManifest,
  runIn: 'WinPE',
  // With the wipe, a rerun gives the same result; without it the image's files are written again over themselves.
  rerunnable: true,
  ports: ['disks', 'content', 'imaging', 'volumes'],
  validate: (view: StepDefinitionView) => validateImageStep(view, 'data'),
  run,
};
