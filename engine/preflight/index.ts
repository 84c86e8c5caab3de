export { preflight, relaxForValidation, requiredPackages } from './preflight.ts';
export type { PreflightRequest } from './preflight.ts';
export { stepView } from './step-options.ts';
export { standAloneMediaProblems, STANDALONE_MEDIA_BUILTINS } from './standalone-media-rules.ts';
export { judgeKnownCondition, type KnownAnswer } from './known-condition.ts';
export { findSequenceSecrets, hasLiteralPassword } from './sequence-secrets.ts';
