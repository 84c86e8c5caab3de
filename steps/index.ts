/**
 * The built-in step modules with their option validators precompiled (`npm run build:schemas` writes
 * `options-validators.generated.js` from each module's `optionsSchema`, so start-up never compiles a schema).
 */
import type { StepModule } from '../engine/index.ts';
import { STEP_MODULES } from './modules.ts';
import * as validators from './options-validators.generated.js';

const byId = validators as unknown as Record<string, StepModule['compiledOptionsValidator']>;

/** The id a module's validator is exported under: `run-command-line` -> `runCommandLine`. */
export function validatorExportName(id: string): string {
  return id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export const BUILTIN_STEPS: readonly StepModule[] = STEP_MODULES.map((m) => {
  const compiled = byId[validatorExportName(m.id)];
  return compiled ? { ...m, compiledOptionsValidator: compiled } : m;
});

export { STEP_MODULES } from './modules.ts';
export { createUnknownStepModule } from './run-command-line/index.ts';
