/** `SMS_TaskSequence_VariableConditionExpression`: `Variable`, `Operator`, `Value`. */
import type { Clause, Outcome } from './clause.ts';
import {
  missingValueResult, parseValueOperator, prepareValue, valueTest, VALUE_OPERATORS,
  type PreparedValue, type ValueOperator,
} from './compare-values.ts';
import { MASK } from '../../variables/index.ts';
import { isSecretVariable, quote, seenValue, shownExpansion } from './describe-values.ts';
import { requireProperties, type ExpressionKind } from './expression-kind.ts';
import type { ConditionContext } from './types.ts';

/** Keeps the last expansion's prepared form so repeated evaluations with the same value allocate nothing. */
function rightSide(template: string, op: ValueOperator): (ctx: ConditionContext) => PreparedValue {
  const fixed = prepareValue(template, op);
  if (!template.includes('%')) return () => fixed;
  let last = fixed;
  return (ctx) => {
    const expanded = ctx.expand(template);
    if (expanded !== last.text) last = prepareValue(expanded, op);
    return last;
  };
}

function describe(ctx: ConditionContext, name: string, op: ValueOperator, template: string, value?: string): string {
  if (op === 'exists' || op === 'notExists') return `${name} ${op} (value: ${seenValue(ctx, name, value)})`;
  const secret = isSecretVariable(ctx, name);
  const expansion = secret ? undefined : shownExpansion(ctx, template, ctx.expand(template));
  const right = secret ? MASK : quote(template);
  const seen = seenValue(ctx, name, value);
  return expansion === undefined
    ? `${name} ${op} ${right} (value: ${seen})`
    : `${name} ${op} ${right} (expanded: ${expansion}, value: ${seen})`;
}

const label = 'variable condition';

export const variableExpression: ExpressionKind = {
  type: 'SMS_TaskSequence_VariableConditionExpression',
  label,
  check(props, report) {
    if (!requireProperties(label, props, ['Variable', 'Operator'], report)) return;
    const op = props.text('Operator') as string;
    if (parseValueOperator(op) === undefined) {
      report('error', 'unknown-operator', `${label}: unknown operator "${op}" (expected one of ${VALUE_OPERATORS.join(', ')})`, 'Operator');
    }
  },
  compile(props): Clause {
    const name = props.text('Variable') as string;
    const op = parseValueOperator(props.text('Operator')) as ValueOperator;
    const template = props.get('Value') ?? '';
    const right = rightSide(template, op);
    const compare = valueTest(op);
    const whenMissing = missingValueResult(op);
    const test = (ctx: ConditionContext): boolean => {
      const value = ctx.get(name);
      return value === undefined || value === '' ? whenMissing : compare(value, right(ctx));
    };
    const explain = (ctx: ConditionContext): Outcome => {
      const value = ctx.get(name);
      return { value: test(ctx), text: describe(ctx, name, op, template, value) };
    };
    return { test, explain, usesProbe: false };
  },
};
