/** Reading step options: by WMI property first, then by the variable the documentation names for it. */
import type { StepContext, StepDefinitionView } from '../../engine/index.ts';
import type { Expansion } from '../../variables/index.ts';

/**
 * The expanded value of the option carried by `property`; when the step's `defaultVarList` does not carry it, the
 * value of `variable` (a global set earlier in the run), expanded. Undefined when absent or empty.
 */
export function readOption(ctx: StepContext, property: string, variable?: string): string | undefined {
  return readOptionExpansion(ctx, property, variable)?.text;
}

/** Like {@link readOption}, keeping whether a secret went into the value. */
export function readOptionExpansion(ctx: StepContext, property: string, variable?: string): Expansion | undefined {
  const own = ctx.optionExpansion(property);
  if (own && own.text !== '') return own;
  return variable === undefined ? undefined : readVariableExpansion(ctx, variable);
}

/** The value of a variable, `%VAR%`-expanded, secret when it or anything expanded into it is. Undefined when empty. */
export function readVariableExpansion(ctx: StepContext, variable: string): Expansion | undefined {
  const raw = ctx.vars.get(variable);
  if (raw === undefined || raw === '') return undefined;
  const expanded = ctx.vars.expand(raw);
  return { text: expanded.text, secret: expanded.secret || ctx.vars.isSecret(variable) };
}

/** True for `true` in any letter case (the format writes `true`, `True` and `TRUE`). */
export function parseFlag(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

/** The raw (unexpanded) option value of a step definition, or undefined when the property is absent. */
export function viewOption(view: StepDefinitionView, property: string): string | undefined {
  return view.options[property];
}

/** True when a value is only known at run time (it references a `%VAR%`), so static checks must skip it. */
export function isDeferred(value: string): boolean {
  return /%[A-Za-z_][A-Za-z0-9_\-]*%/.test(value);
}

/**
 * The option carried by `property` WITHOUT `%VAR%` expansion (a global of the same name still wins), for options that
 * hold structured text whose parts are expanded later, one by one (Set Dynamic Variables rules).
 */
export function readRawOption(ctx: StepContext, property: string): string | undefined {
  const p = property.toLowerCase();
  const entry = (ctx.step.node.defaultVarList ?? []).find((d) => (d.property ?? '').toLowerCase() === p);
  const value = ctx.vars.get(entry?.name ?? property);
  return value === '' ? undefined : value;
}

/** The non-empty values of `properties` in a step definition (package ids a step names in its options). */
export function optionValues(view: StepDefinitionView, properties: readonly string[]): string[] {
  return properties.map((p) => view.options[p]?.trim()).filter((v): v is string => !!v);
}
