/** Static checks of the image steps (pure): everything that needs no disk, image or content. */
import type { StepDefinitionView, StepProblem } from '../../../engine/step-api.ts';
import { isDeferred } from '../option-value.ts';
import { parseApplyImageOptions, type ImageStepKind } from './apply-image-options.ts';

/** Image source present, index a positive whole number, destination options consistent, answer file with a package. */
export function validateImageStep(view: StepDefinitionView, kind: ImageStepKind): StepProblem[] {
  return parseApplyImageOptions((p) => view.options[p], kind, isDeferred).problems;
}
