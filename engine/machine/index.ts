export { runSequence, checkJournal } from './run-sequence.ts';
export type { RunRequest, RunOutcome } from './run-sequence.ts';
export { afterResult } from './transitions.ts';
export { renderTimeZone } from './builtins.ts';
export type { RestartGate } from './restart-gate.ts';
