/**
 * A running step's options by its manifest: each value through the step context's option semantics (a global of the
 * carrying variable's name wins over the step default, `%VAR%` expanded, secrecy kept), then converted by kind.
 */
import type { Expansion } from '../../variables/index.ts';
import type { StepContext } from '../step-module.ts';
import type { OptionSpec } from './option-spec.ts';
import { parseOptions, type ParsedOptions } from './parse-options.ts';

/** The value of a variable, `%VAR%`-expanded, secret when it or anything expanded into it is. Undefined when empty. */
export function readVariableExpansion(ctx: StepContext, variable: string): Expansion | undefined {
  const raw = ctx.vars.get(variable);
  if (raw === undefined || raw === '') return undefined;
  const expanded = ctx.vars.expand(raw);
  return { text: expanded.text, secret: expanded.secret || ctx.vars.isSecret(variable) };
}

/**
 * The expanded option carried by `property`; when the step's `defaultVarList` does not carry it, the value of
 * `variable` (a global set earlier in the run), expanded. Undefined when absent or empty.
 */
export function readOptionExpansion(ctx: StepContext, property: string, variable?: string): Expansion | undefined {
  const own = ctx.optionExpansion(property);
  if (own && own.text !== '') return own;
  return variable === undefined ? undefined : readVariableExpansion(ctx, variable);
}

/** Parses the options `specs` declares from the running step; a secret option's value keeps whether it is secret. */
export function readStepOptions<L extends readonly OptionSpec[]>(ctx: StepContext, specs: L): ParsedOptions<L> {
  const expansions = new Map<string, Expansion | undefined>();
  const read = (property: string): string | undefined => {
    const spec = specs.find((s) => s.name === property);
    const expansion = readOptionExpansion(ctx, property, spec?.fallback ? spec.variable : undefined);
    expansions.set(property, expansion);
    return expansion?.text;
  };
  const parsed = parseOptions(specs, read);
  const values = parsed.values as Record<string, unknown>;
  for (const spec of specs) {
    const expansion = expansions.get(spec.name);
    if (spec.kind === 'secret' && expansion) values[spec.name] = expansion;
  }
  return parsed;
}
