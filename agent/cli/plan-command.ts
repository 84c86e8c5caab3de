/**
 * `taskseq plan <file> [--backend linux|winpe] [--machine NAME|FILE|local] [--share \\SERVER\SHARE=DIR]...
 *  [--content DIR] [--drivers DIR] [--children DIR] [--media-type T] [--var N=V]... [--secret-var N=V]...
 *  [--allow-unknown-steps] [--json]`
 */
import { liveBackendOf, parseBackend, type LiveBackendKind } from '../backends/select.ts';
import { planSequence } from '../plan/plan-run.ts';
import { planJson, renderPlanText } from '../plan/plan-text.ts';
import { InvalidInputError } from '../../engine/index.ts';
import type { CliIO } from './io.ts';
import { parseMediaType, parseShareOptions, parseVariableOptions, requireFile } from './option-values.ts';
import { EXIT_OK, EXIT_SEQUENCE_FAILED } from './exit-codes.ts';

export interface PlanOptions {
  backend?: string; machine?: string; content?: string; drivers?: string; children?: string; mediaType?: string;
  var?: string[]; secretVar?: string[]; allowUnknownSteps?: boolean; json?: boolean; share?: string[];
}

/**
 * Prints what the backend would run for the sequence; exit 0 when the walk reaches the end and the backend refuses
 * nothing, 1 when it fails or the backend would refuse an action (a gate before a live run).
 */
export async function planCommand(file: string | undefined, values: PlanOptions, io: CliIO): Promise<number> {
  const plan = await planSequence({
    file: requireFile('plan', file, 'sequence file'), backend: liveBackend(values.backend),
    machine: values.machine, shares: parseShareOptions(values.share), content: values.content, drivers: values.drivers, children: values.children,
    mediaType: parseMediaType(values.mediaType), variables: parseVariableOptions(values.var, values.secretVar),
    allowUnknownSteps: values.allowUnknownSteps === true,
  });
  if (values.json) io.out(JSON.stringify(planJson(plan)));
  else for (const line of renderPlanText(plan)) io.out(line);
  return plan.status === 'succeeded' && plan.refusals.length === 0 ? EXIT_OK : EXIT_SEQUENCE_FAILED;
}

/** `--backend`, else the live backend of this platform. */
function liveBackend(value: string | undefined): LiveBackendKind {
  const chosen = parseBackend(value) ?? liveBackendOf();
  if (chosen === 'simulated' || chosen === undefined) {
    throw new InvalidInputError(`a plan shows what a live backend would run: --backend must be linux or winpe${chosen ? '' : ' on this platform'}`,
      [{ severity: 'error', code: 'bad-option', field: '--backend', message: 'expected linux or winpe' }]);
  }
  return chosen;
}
