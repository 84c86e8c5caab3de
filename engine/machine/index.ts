export { runSequence, checkJournal } from './run-sequence.ts';
export type { RunRequest, RunOutcome } from './run-sequence.ts';
export { afterResult } from './transitions.ts';
export { EXIT_TIMEOUT, EXIT_FAILED, EXIT_ABORTED } from './execute-step.ts';
export { EXIT_WRONG_ENVIRONMENT } from './dispatch.ts';
export { renderTimeZone } from './builtins.ts';
