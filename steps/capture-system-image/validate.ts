/** Static checks of Capture Operating System Image (pure). */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { isDeferred } from '../shared/option-value.ts';
import { parseCaptureOptions } from './parse-options.ts';

/**
 * Destination present, a local `.wim` path of at most 255 characters; version present and at most 32 characters;
 * creator and description at most 255; warnings for an account without a password and for a network destination
 * (valid in the format, so the sequence still loads; the step fails when it runs).
 */
export function validateCaptureSystemImage(view: StepDefinitionView): StepProblem[] {
  return parseCaptureOptions((p) => view.options[p], isDeferred).problems.map((p) =>
    p.code === 'network-destination' ? { ...p, severity: 'warning', message: `${p.message} (the step fails when it runs)` } : p);
}
