/** A compiled piece of a condition. */
import type { ConditionContext } from './types.ts';

/** A clause's value and a description of it with the values it saw. */
export interface Outcome {
  value: boolean;
  text: string;
}

export interface Clause {
  /** Fast path: the value only (no description, no allocation when nothing needs expanding). */
  test(ctx: ConditionContext): boolean;
  /** The value and its description, e.g. `_SMSTSBootUEFI equals "true" (value: "false")`. */
  explain(ctx: ConditionContext): Outcome;
  /** True when the clause asks the machine probe (so evaluation explains in one pass instead of asking twice). */
  readonly usesProbe: boolean;
}

/** A clause whose fast path is its explanation (clauses that ask the probe). */
export function probeClause(explain: (ctx: ConditionContext) => Outcome): Clause {
  return { test: (ctx) => explain(ctx).value, explain, usesProbe: true };
}
