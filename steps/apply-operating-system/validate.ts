/** Static checks of Apply Operating System Image (pure): the image steps' checks for its two types. */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { validateImageStep } from '../shared/image/validate-image-step.ts';

/** The image steps' static checks for Apply Operating System Image / MDT Install Operating System. */
export function validateApplyOperatingSystem(view: StepDefinitionView): StepProblem[] {
  return validateImageStep(view, view.node.type === 'BDD_InstallOS' ? 'mdt' : 'os');
}
