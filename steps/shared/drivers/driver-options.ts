/** Option checks and readings the driver steps share. */
import type { StepDefinitionView, StepProblem } from '../../../engine/step-api.ts';
import { isDeferred } from '../option-value.ts';

/** Problems for flag options that are neither `true` nor `false` (a `%VAR%` value is checked at run time). */
export function checkFlags(view: StepDefinitionView, properties: readonly string[]): StepProblem[] {
  const out: StepProblem[] = [];
  for (const p of properties) {
    const v = view.options[p]?.trim();
    if (v === undefined || v === '' || isDeferred(v) || /^(true|false)$/i.test(v)) continue;
    out.push({ severity: 'error', code: 'invalid-flag', field: p, message: `${p} must be true or false (got '${v}')` });
  }
  return out;
}

/** True when the step or an enclosing group has a condition on `_SMSTSMediaType` (it is guarded against media). */
export function guardedByMediaType(view: StepDefinitionView): boolean {
  const conditions = [view.node.condition, ...(view.enclosingConditions ?? [])];
  return conditions.some((c) => c !== undefined && /_SMSTSMediaType/i.test(JSON.stringify(c)));
}

/** Splits a comma list, trimming and dropping empty entries. */
export function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}
