/** Compiles a condition once into closures, then evaluates it many times. */
import type { Condition, ConditionNode } from '../definition/model.ts';
import { InvalidInputError } from '../problems.ts';
import { allOf, combine, parseBooleanOperator, type BooleanOperator } from './boolean-operators.ts';
import type { Clause } from './clause.ts';
import { checkCondition, groupLabel } from './check-condition.ts';
import { issuesToProblems, type ConditionIssue } from './condition-issue.ts';
import { findExpressionKind } from './expression-kinds.ts';
import { ExpressionProperties } from './expression-properties.ts';
import type { CompiledCondition, ConditionContext, ConditionResult } from './types.ts';

const TRUE_RESULT: ConditionResult = Object.freeze({ value: true });

function compileChildren(nodes: readonly ConditionNode[]): Clause[] {
  return nodes.filter((n) => n.kind !== 'platformKey').map(compileNode);
}

/** Only called on nodes checkCondition accepted. */
function compileNode(node: ConditionNode): Clause {
  switch (node.kind) {
    case 'expression': {
      const kind = findExpressionKind(node.type);
      if (!kind) throw new InvalidInputError(`unknown condition expression type "${node.type}"`);
      return kind.compile(new ExpressionProperties(node), node);
    }
    case 'operator':
      return combine(parseBooleanOperator(node.operator) as BooleanOperator, compileChildren(node.children));
    case 'osConditionGroup':
    case 'osExpressionGroup': {
      const op = parseBooleanOperator(node.operator) as BooleanOperator;
      return combine(op, compileChildren(node.children), groupLabel(node));
    }
    default:
      throw new InvalidInputError(`condition element "${node.kind}" cannot be evaluated`);
  }
}

function formatIssue(issue: ConditionIssue): string {
  const where = issue.line !== undefined ? `line ${issue.line}: ` : '';
  return `${where}${issue.field ? `${issue.field}: ` : ''}${issue.message}`;
}

function compiled(root: Clause): CompiledCondition {
  if (root.usesProbe) {
    // One pass that also describes: asking the machine twice would cost time and could see two different answers.
    return {
      evaluate(ctx: ConditionContext): ConditionResult {
        const o = root.explain(ctx);
        return o.value ? TRUE_RESULT : { value: false, falseClause: o.text };
      },
    };
  }
  return {
    evaluate(ctx: ConditionContext): ConditionResult {
      if (root.test(ctx)) return TRUE_RESULT;
      const o = root.explain(ctx);
      return o.value ? TRUE_RESULT : { value: false, falseClause: o.text };
    },
  };
}

/**
 * Compiles a `<condition>` (top-level children ANDed; empty = true) into an evaluator. Evaluation returns
 * `{ value: true }` (a shared frozen object) or `{ value: false, falseClause }` describing the false clause with the
 * values it saw (secret variables masked); it rethrows probe errors such as UnsupportedQueryError unless the WMI
 * expression has `ignoreQueryFailure="true"`.
 * @throws InvalidInputError when {@link checkCondition} finds errors (unknown type or operator, missing property,
 *   invalid value); its `problems` carry every error.
 */
export function compileCondition(condition: Condition): CompiledCondition {
  const errors = checkCondition(condition).filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new InvalidInputError(`invalid condition: ${errors.map(formatIssue).join('; ')}`, issuesToProblems(errors));
  }
  return compiled(allOf(compileChildren(condition.children)));
}

/**
 * Compiles and evaluates in one call (compile once with {@link compileCondition} when evaluating repeatedly).
 * @throws InvalidInputError as compileCondition does; probe errors as evaluation does.
 */
export function evaluateCondition(condition: Condition, ctx: ConditionContext): ConditionResult {
  return compileCondition(condition).evaluate(ctx);
}
