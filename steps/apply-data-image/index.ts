/**
 * Apply Data Image: in Windows PE, applies a WIM image as data to the destination volume, wiping it first (protected
 * folders kept) unless `WipeDestinationPartition` is false. No boot files, no answer file, no architecture check.
 */
import type { StepContext, StepDefinitionView, StepModule, StepResult } from '../../engine/index.ts';
import { prepareImage, wipeAndApply } from '../apply-operating-system/image-flow.ts';
import { validateImageStep } from '../apply-operating-system/validate.ts';
import { EXIT_NOT_SUPPORTED } from '../../engine/index.ts';
import { optionValues } from '../shared/option-value.ts';
import { stringOptions } from '../shared/string-options.ts';

export const APPLY_DATA_IMAGE_TYPE = 'SMS_TaskSequence_ApplyDataImageAction';

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
  types: [APPLY_DATA_IMAGE_TYPE],
  runIn: 'WinPE',
  // With the wipe, a rerun gives the same result; without it the image's files are written again over themselves.
  rerunnable: true,
  ports: ['disks', 'content', 'imaging', 'volumes'],
  optionsSchema: stringOptions(['ImagePackageID', 'ImageIndex', 'WipeDestinationPartition', 'DestinationVariable', 'DestinationDisk', 'DestinationPartition', 'DestinationDriveLetter', 'RunFromNet']),
  validate: (view: StepDefinitionView) => validateImageStep(view, 'data'),
  packages: (view) => optionValues(view, ['ImagePackageID']),
  run,
};
