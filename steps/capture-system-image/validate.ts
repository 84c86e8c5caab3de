/** Static checks of Capture Operating System Image (pure). */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { isDeferred } from '../shared/option-value.ts';
import { parseCaptureOptions } from './parse-options.ts';

/**
 * Destination present, a `.wim` path on a drive or a share of at most 255 characters; version at most 32 characters;
 * creator and description at most 255; warnings for a missing version and an account without a password. A
 * destination on a network share is an error when the run's shares are known and it is not among them (the step
 * would fail when it runs), and a warning when they are not known (`validate`: the sequence still loads).
 */
export function validateCaptureSystemImage(view: StepDefinitionView): StepProblem[] {
  return parseCaptureOptions((p) => view.options[p], isDeferred, view.connectedShares).problems;
}
