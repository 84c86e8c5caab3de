/** Findings of the static condition check, and their conversion to the project's Problem form. */
import type { Problem } from '../problems.ts';

/** One finding about a condition. `field` names the XML attribute or property, `line` the source line. */
export interface ConditionIssue {
  severity: 'error' | 'warning';
  /** Stable code: `unknown-condition-type`, `unknown-operator`, `missing-property`, `invalid-value`, `empty-operator`, `unsupported-wql`. */
  code: string;
  message: string;
  field?: string;
  line?: number;
}

/** Receives findings for the node being checked (the caller fills in the line). */
export type IssueReporter = (severity: ConditionIssue['severity'], code: string, message: string, field?: string) => void;

/** The issues as Problems (for InvalidInputError and validation reports). */
export function issuesToProblems(issues: readonly ConditionIssue[]): Problem[] {
  return issues.map((i) => ({
    severity: i.severity,
    code: i.code,
    message: i.message,
    ...(i.field !== undefined ? { field: i.field } : {}),
    ...(i.line !== undefined ? { line: i.line } : {}),
  }));
}
