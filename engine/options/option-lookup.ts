/**
 * The one lookup of a step option by its WMI property: which `defaultVarList` entry carries it, which variable holds
 * it and what that variable holds now. The running step's context, the raw reading of structured options and the
 * preflight's view of a step all resolve options here, so that validation and the run read a step's options alike.
 */
import type { VariableEntry } from '../definition/model.ts';

/** Where the current values of a run's variables come from (the store, or a step's view of it). */
export interface OptionVariables {
  get(name: string): string | undefined;
}

/** An option as the run sees it now: the variable carrying it and its value before `%VAR%` expansion. */
export interface CurrentOption {
  variable: string;
  value: string;
}

/**
 * The variable that carries `property` in a step's `defaultVarList`: the first entry whose property matches in any
 * letter case, else a variable named like the property (a global, or an entry written without a property).
 */
export function optionVariable(defaults: readonly VariableEntry[], property: string): string {
  const p = property.toLowerCase();
  return defaults.find((d) => (d.property ?? '').toLowerCase() === p)?.name ?? property;
}

/**
 * The option carried by `property` as the run sees it now: its variable's value (a global of that name wins over the
 * step default, as the store's locals work), not expanded. Undefined when absent or empty.
 */
export function currentOption(vars: OptionVariables, defaults: readonly VariableEntry[], property: string): CurrentOption | undefined {
  const variable = optionVariable(defaults, property);
  const value = vars.get(variable);
  return value === undefined || value === '' ? undefined : { variable, value };
}

/**
 * A step's options as written, for checks before the run: `property` -> value (unexpanded, an empty value kept) and
 * `property` -> the variable carrying it. Keyed by the property exactly as written (an entry without one by its
 * name); a repeated property keeps the last entry.
 */
export function writtenOptions(defaults: readonly VariableEntry[]): { options: Record<string, string>; optionVariables: Record<string, string> } {
  const options: Record<string, string> = {};
  const optionVariables: Record<string, string> = {};
  for (const d of defaults) {
    const key = d.property ?? d.name;
    options[key] = d.value;
    optionVariables[key] = d.name;
  }
  return { options, optionVariables };
}
