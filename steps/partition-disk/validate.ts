/** Static checks of Format and Partition Disk (pure): everything that needs no disk. */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { isDeferred } from '../shared/option-value.ts';
import { checkLayoutRules } from './layout-rules.ts';
import { parsePartitionDiskOptions } from './parse-options.ts';

/**
 * Option values (style, types, units, sizes, percentages, flags, count, DYNAMIC, letter variable names) and, when
 * every value is known (no `%VAR%`), the layout rules. `field` is the property name, e.g. `Partitions2Size`.
 */
export function validatePartitionDisk(view: StepDefinitionView): StepProblem[] {
  const parsed = parsePartitionDiskOptions((p) => view.options[p], Object.keys(view.options), isDeferred);
  if (parsed.deferred || parsed.problems.some((p) => p.severity === 'error')) return parsed.problems;
  const rules = checkLayoutRules(parsed.options).map((v): StepProblem => ({ severity: 'error', code: v.code, field: v.field, message: v.message }));
  return [...parsed.problems, ...rules];
}
