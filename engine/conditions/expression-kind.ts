/** What every expression type (`SMS_TaskSequence_*ConditionExpression`) provides. */
import type { ExpressionNode } from '../definition/model.ts';
import type { Clause } from './clause.ts';
import type { IssueReporter } from './condition-issue.ts';
import type { ExpressionProperties } from './expression-properties.ts';

export interface ExpressionKind {
  /** The WMI class name written in `type` (matched case-insensitively). */
  type: string;
  /** Short name used in messages, e.g. `variable condition`. */
  label: string;
  /** Static checks; errors here make {@link compile} refuse the condition. */
  check(props: ExpressionProperties, report: IssueReporter): void;
  /** Builds the clause; only called when {@link check} reported no error. */
  compile(props: ExpressionProperties, node: ExpressionNode): Clause;
}

/** Reports `missing-property` for each absent or blank property; true when all are present. */
export function requireProperties(
  label: string,
  props: ExpressionProperties,
  names: readonly string[],
  report: IssueReporter,
): boolean {
  let ok = true;
  for (const name of names) {
    if (props.text(name) === undefined) {
      report('error', 'missing-property', `${label}: property ${name} is missing or empty`, name);
      ok = false;
    }
  }
  return ok;
}
