/**
 * Checks step options against each module's JSON Schema. Built-in modules carry a validator compiled ahead of time;
 * only a module without one (a plug-in) makes this compile its schema with ajv, once, on first use.
 */
import type { CompiledValidator, StepModule, StepProblem } from '../step-module.ts';

const compiled = new WeakMap<StepModule, CompiledValidator>();
let ajvModule: typeof import('ajv') | undefined;

/** Sets the ajv module used for plug-ins without a precompiled validator (the agent loads it on demand). */
export function useAjv(module: typeof import('ajv')): void {
  ajvModule = module;
}

function validatorFor(module: StepModule): CompiledValidator | undefined {
  if (module.compiledOptionsValidator) return module.compiledOptionsValidator;
  if (!module.optionsSchema) return undefined;
  let v = compiled.get(module);
  if (!v) {
    if (!ajvModule) throw new Error(`step module ${module.id} has no precompiled options validator and ajv was not provided`);
    v = new ajvModule.Ajv({ allErrors: true, strict: false }).compile(module.optionsSchema) as CompiledValidator;
    compiled.set(module, v);
  }
  return v;
}

export function checkOptions(module: StepModule, options: Record<string, string>): StepProblem[] {
  const validate = validatorFor(module);
  if (!validate || validate(options)) return [];
  return (validate.errors ?? []).map((e) => {
    const field = e.instancePath ? e.instancePath.slice(1) : (e.params as { missingProperty?: string }).missingProperty;
    return { severity: 'error' as const, code: 'invalid-option', field, message: `option ${field ?? ''} ${e.message ?? 'is invalid'}`.replace(/\s+/g, ' ').trim() };
  });
}
