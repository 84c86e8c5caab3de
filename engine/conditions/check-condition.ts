/** Static checks of a condition: what would make evaluation refuse it (errors) or surprise its author (warnings). */
import type { Condition, ConditionNode } from '../definition/model.ts';
import { BOOLEAN_OPERATORS, parseBooleanOperator } from './boolean-operators.ts';
import type { ConditionIssue, IssueReporter } from './condition-issue.ts';
import { expressionTypes, findExpressionKind } from './expression-kinds.ts';
import { ExpressionProperties } from './expression-properties.ts';

type GroupNode = Extract<ConditionNode, { children: ConditionNode[] }>;

/** How a group node is named in messages and `falseClause` texts. */
export function groupLabel(node: GroupNode): string {
  if (node.kind === 'osConditionGroup') return 'OS version';
  if (node.kind === 'osExpressionGroup') return `OS platform "${node.name ?? ''}"`;
  return node.operator.trim().toLowerCase();
}

function reporterFor(node: ConditionNode, issues: ConditionIssue[]): IssueReporter {
  const line = node.loc?.line;
  return (severity, code, message, field) => {
    issues.push({ severity, code, message, ...(field !== undefined ? { field } : {}), ...(line !== undefined ? { line } : {}) });
  };
}

const EMPTY_MEANS = { and: 'true', or: 'false', not: 'true' } as const;

function checkGroup(node: GroupNode, report: IssueReporter, issues: ConditionIssue[]): void {
  const op = parseBooleanOperator(node.operator);
  if (op === undefined) {
    report('error', 'unknown-operator', `${node.kind} type "${node.operator}" is not one of ${BOOLEAN_OPERATORS.join(', ')}`, 'type');
  } else if (node.children.filter((c) => c.kind !== 'platformKey').length === 0) {
    report('warning', 'empty-operator', `${groupLabel(node)}: empty "${op}" has no clauses and is always ${EMPTY_MEANS[op]}`, 'type');
  }
  for (const child of node.children) checkNode(child, issues);
}

function checkNode(node: ConditionNode, issues: ConditionIssue[]): void {
  const report = reporterFor(node, issues);
  switch (node.kind) {
    case 'operator':
    case 'osConditionGroup':
    case 'osExpressionGroup':
      return checkGroup(node, report, issues);
    case 'platformKey':
      return; // descriptive only: the WMI expressions next to it decide
    case 'expression': {
      const kind = findExpressionKind(node.type);
      if (kind === undefined) {
        report('error', 'unknown-condition-type', `unknown condition expression type "${node.type}" (known: ${expressionTypes().join(', ')})`, 'type');
        return;
      }
      kind.check(new ExpressionProperties(node), report);
      return;
    }
    default:
      report('error', 'unknown-condition-type', `unknown condition element "${(node as { kind?: string }).kind}"`);
  }
}

/**
 * Checks a condition without evaluating it (pure). Errors: `unknown-condition-type`, `unknown-operator`,
 * `missing-property`, `invalid-value`. Warnings: `empty-operator`, `unsupported-wql` (a WMI query the simulated
 * machine cannot run; the query is in the message).
 */
export function checkCondition(condition: Condition): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  for (const child of condition.children) checkNode(child, issues);
  return issues;
}
