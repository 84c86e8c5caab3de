/**
 * Reading a step's options by its manifest (pure): each value is trimmed, converted by its kind and collected with
 * every problem. The same reader serves the static checks (raw values; one that references `%VAR%` is known only at
 * run time and is skipped) and `run()` (expanded values).
 */
import type { StepProblem } from '../step-module.ts';
import { convertOption } from './convert-option.ts';
import type { OptionSpec, OptionValues } from './option-spec.ts';

/** Reads one option by property; undefined when absent. */
export type OptionReader = (property: string) => string | undefined;

export interface ParsedOptions<L extends readonly OptionSpec[]> {
  /** Property -> value; a refused, skipped or absent value is its default or undefined. */
  values: OptionValues<L>;
  problems: StepProblem[];
  /** A value was skipped (it references `%VAR%`), so checks across options cannot be made yet. */
  deferred: boolean;
}

/** True when a value is only known at run time (it references a `%VAR%`), so static checks must skip it. */
export function isDeferred(value: string): boolean {
  return /%[A-Za-z_][A-Za-z0-9_\-]*%/.test(value);
}

/**
 * Parses the options `specs` declares. `skip` says which values cannot be judged yet (static checks pass
 * {@link isDeferred}). Secret values are left to {@link readStepOptions}, which keeps their secrecy.
 */
export function parseOptions<L extends readonly OptionSpec[]>(specs: L, read: OptionReader, skip: (value: string) => boolean = () => false): ParsedOptions<L> {
  const values: Record<string, unknown> = {};
  const problems: StepProblem[] = [];
  let deferred = false;
  for (const spec of specs) {
    const text = read(spec.name)?.trim();
    if (text === undefined || text === '') {
      if (spec.missing !== undefined) problems.push({ severity: 'error', code: spec.code ?? 'missing-option', field: spec.name, message: `${spec.name} is empty; ${spec.missing}` });
      if ('default' in spec && spec.default !== undefined) values[spec.name] = spec.default;
      continue;
    }
    if (skip(text)) {
      deferred = true;
      continue;
    }
    const converted = convertOption(spec, text);
    if ('problem' in converted) {
      problems.push(converted.problem);
      if ('default' in spec && spec.default !== undefined) values[spec.name] = spec.default;
    } else values[spec.name] = converted.value;
  }
  return { values: values as OptionValues<L>, problems, deferred };
}
