export { preflight, relaxForValidation, requiredPackages } from './preflight.ts';
export type { PreflightRequest } from './preflight.ts';
export { stepView } from './step-options.ts';
