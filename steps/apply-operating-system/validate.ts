/** Static checks of the image steps (pure): everything that needs no disk, image or content. */
import type { StepDefinitionView, StepProblem } from '../../engine/index.ts';
import { isDeferred } from '../shared/option-value.ts';
import { parseApplyImageOptions, type ImageStepKind } from './parse-options.ts';

/** Image source present, index a positive whole number, destination options consistent, answer file with a package. */
export function validateImageStep(view: StepDefinitionView, kind: ImageStepKind): StepProblem[] {
  return parseApplyImageOptions((p) => view.options[p], kind, isDeferred).problems;
}

/** {@link validateImageStep} for Apply Operating System Image / MDT Install Operating System. */
export function validateApplyOperatingSystem(view: StepDefinitionView): StepProblem[] {
  return validateImageStep(view, view.node.type === 'BDD_InstallOS' ? 'mdt' : 'os');
}
