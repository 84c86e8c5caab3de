export { preflight, preflightProgram, relaxForValidation, requiredPackages } from './preflight.ts';
export type { PreflightRequest, PreflightResult } from './preflight.ts';
export { judgeFinding, markCertainFailures, stepFailureFinding } from './certain-failure.ts';
export type { PreflightFinding, StepFailure, JudgeRequest, Judged } from './certain-failure.ts';
export { stepView } from './step-options.ts';
export { standAloneMediaProblems, STANDALONE_MEDIA_BUILTINS } from './standalone-media-rules.ts';
export { judgeKnownCondition, type KnownAnswer } from './known-condition.ts';
export { findSequenceSecrets, hasLiteralPassword } from './sequence-secrets.ts';
export { BACKEND_REFUSAL_CODE } from './machine-calls.ts';
