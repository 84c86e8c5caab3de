/**
 * The load-time checks of a step's options from its manifest (pure): a required property the step does not carry and
 * text over its length limit (in the wording of the schema checks they replace), and every value its kind refuses
 * (values that reference `%VAR%` are judged when the step runs).
 */
import type { StepDefinitionView, StepModule, StepProblem } from '../step-module.ts';
import type { OptionSpec } from './option-spec.ts';
import { isDeferred, parseOptions } from './parse-options.ts';

function invalid(field: string, message: string): StepProblem {
  return { severity: 'error', code: 'invalid-option', field, message };
}

/** The required properties `view` lacks and the text options over their length. */
export function checkOptionPresence(specs: readonly OptionSpec[], view: Pick<StepDefinitionView, 'options'>): StepProblem[] {
  const problems: StepProblem[] = [];
  for (const spec of specs) {
    if (spec.required && !Object.hasOwn(view.options, spec.name)) problems.push(invalid(spec.name, `option ${spec.name} must have required property '${spec.name}'`));
  }
  for (const spec of specs) {
    const value = view.options[spec.name];
    // Characters as the format counts them: code points, not UTF-16 units.
    if (spec.kind === 'text' && spec.maxLength !== undefined && value !== undefined && [...value].length > spec.maxLength) {
      problems.push(invalid(spec.name, `option ${spec.name} must NOT have more than ${spec.maxLength} characters`));
    }
  }
  return problems;
}

/** The values of `view` that their kinds refuse. */
export function checkOptionKinds(specs: readonly OptionSpec[], view: Pick<StepDefinitionView, 'options'>): StepProblem[] {
  return parseOptions(specs, (p) => view.options[p], isDeferred).problems;
}

/**
 * Every static problem of a module's options: presence and length, then the kinds, unless the module validates its
 * options itself (its `validate` reads them by kind through {@link parseOptions}, so that each problem is reported
 * once and in the step's own order).
 */
export function checkManifestOptions(module: Pick<StepModule, 'manifest' | 'validate'>, view: StepDefinitionView): StepProblem[] {
  const specs = module.manifest.options;
  return [...checkOptionPresence(specs, view), ...(module.validate ? module.validate(view) : checkOptionKinds(specs, view))];
}

/** The package ids `view` names in its package-reference options (trimmed, empty ones left out). */
export function manifestPackages(specs: readonly OptionSpec[], view: Pick<StepDefinitionView, 'options'>): string[] {
  return specs.filter((s) => s.kind === 'package').map((s) => view.options[s.name]?.trim()).filter((v): v is string => !!v);
}

/** Every package a step names: its manifest's package options, then what its module's `packages` adds. */
export function stepPackages(module: Pick<StepModule, 'manifest' | 'packages'>, view: StepDefinitionView): string[] {
  return [...manifestPackages(module.manifest.options, view), ...(module.packages?.(view) ?? [])];
}

/** The variables of secret options: secret by name for the whole run. */
export function manifestSecretVariables(specs: readonly OptionSpec[]): string[] {
  return specs.flatMap((s) => (s.kind === 'secret' ? [s.variable] : []));
}
