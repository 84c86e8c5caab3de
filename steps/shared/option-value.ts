/** Reading step options: by WMI property first, then by the variable the documentation names for it. */
import { currentOption, readOptionExpansion, type StepContext, type StepDefinitionView } from '../../engine/step-api.ts';

/**
 * The expanded value of the option carried by `property`; when the step's `defaultVarList` does not carry it, the
 * value of `variable` (a global set earlier in the run), expanded. Undefined when absent or empty.
 */
export function readOption(ctx: StepContext, property: string, variable?: string): string | undefined {
  return readOptionExpansion(ctx, property, variable)?.text;
}

export { readOptionExpansion, readVariableExpansion, isDeferred } from '../../engine/step-api.ts';

/** True for `true` in any letter case (the format writes `true`, `True` and `TRUE`). */
export function parseFlag(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

/**
 * The option carried by `property` WITHOUT `%VAR%` expansion (a global of the same name still wins), for options that
 * hold structured text whose parts are expanded later, one by one (Set Dynamic Variables rules).
 */
export function readRawOption(ctx: StepContext, property: string): string | undefined {
  return currentOption(ctx.vars, ctx.step.node.defaultVarList ?? [], property)?.value;
}

/** The non-empty values of `properties` in a step definition (package ids a step names in its options). */
export function optionValues(view: StepDefinitionView, properties: readonly string[]): string[] {
  return properties.map((p) => view.options[p]?.trim()).filter((v): v is string => !!v);
}
