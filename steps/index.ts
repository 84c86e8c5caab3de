/** The built-in step modules, and the catalog of step types their manifests make known. */
import { createStepCatalog, type StepCatalog, type StepModule } from '../engine/step-api.ts';
import { STEP_MODULES } from './modules.ts';

/** The built-in step modules (a step's facts are its module's manifest; nothing is generated from them). */
export const BUILTIN_STEPS: readonly StepModule[] = STEP_MODULES;

/** Every known step type: the built-in modules' types, then the documented ones no module runs. */
export const BUILTIN_STEP_CATALOG: StepCatalog = createStepCatalog(STEP_MODULES.flatMap((m) => m.manifest.types));

export { STEP_MODULES } from './modules.ts';
export { createUnknownStepModule } from './run-command-line/index.ts';
