/** `and` / `or` / `not` over clauses, with the texts `falseClause` shows. */
import type { Clause, Outcome } from './clause.ts';
import type { ConditionContext } from './types.ts';

export const BOOLEAN_OPERATORS = ['and', 'or', 'not'] as const;
export type BooleanOperator = (typeof BOOLEAN_OPERATORS)[number];

/** The operator for an XML `type` value (case-insensitive), or undefined. */
export function parseBooleanOperator(text: string): BooleanOperator | undefined {
  const lower = text.trim().toLowerCase();
  return BOOLEAN_OPERATORS.find((o) => o === lower);
}

/** Parenthesises a child's text when it lists several clauses, so joined lists stay readable. */
function nested(text: string): string {
  return text.includes('; ') ? `(${text})` : text;
}

function anyProbe(children: readonly Clause[]): boolean {
  return children.some((c) => c.usesProbe);
}

/** AND; `label` prefixes the text of a false child (e.g. an OS platform's name). Empty = true. */
export function allOf(children: readonly Clause[], label?: string): Clause {
  const prefix = label ? `${label}: ` : '';
  if (children.length === 1 && !label) return children[0];
  const test = (ctx: ConditionContext): boolean => {
    for (let i = 0; i < children.length; i++) if (!children[i].test(ctx)) return false;
    return true;
  };
  const explain = (ctx: ConditionContext): Outcome => {
    const texts: string[] = [];
    for (const child of children) {
      const o = child.explain(ctx);
      if (!o.value) return { value: false, text: prefix + o.text };
      texts.push(nested(o.text));
    }
    if (texts.length === 0) return { value: true, text: `${prefix}empty and (true)` };
    if (texts.length === 1) return { value: true, text: prefix + texts[0] };
    return { value: true, text: `${prefix}and: all ${texts.length} clauses were true: ${texts.join('; ')}` };
  };
  return { test, explain, usesProbe: anyProbe(children) };
}

/** OR; `label` names it in the text (`or`, or e.g. `OS version`). Empty = false. */
export function anyOf(children: readonly Clause[], label = 'or'): Clause {
  const test = (ctx: ConditionContext): boolean => {
    for (let i = 0; i < children.length; i++) if (children[i].test(ctx)) return true;
    return false;
  };
  const explain = (ctx: ConditionContext): Outcome => {
    const texts: string[] = [];
    for (const child of children) {
      const o = child.explain(ctx);
      if (o.value) return o;
      texts.push(nested(o.text));
    }
    if (texts.length === 0) return { value: false, text: `${label}: empty, so false` };
    const n = texts.length;
    return { value: false, text: `${label}: none of ${n} clause${n === 1 ? '' : 's'} was true: ${texts.join('; ')}` };
  };
  return { test, explain, usesProbe: anyProbe(children) };
}

/** NOT of the AND of the children. Empty = true (the identity element, like an empty `and`). */
export function noneOf(children: readonly Clause[]): Clause {
  if (children.length === 0) {
    const outcome: Outcome = { value: true, text: 'not: empty, so true' };
    return { test: () => true, explain: () => outcome, usesProbe: false };
  }
  const inner = allOf(children);
  const explain = (ctx: ConditionContext): Outcome => {
    const o = inner.explain(ctx);
    return { value: !o.value, text: `not: inner clause was ${o.value ? 'true' : 'false'}: ${o.text}` };
  };
  return { test: (ctx) => !inner.test(ctx), explain, usesProbe: inner.usesProbe };
}

/** The clause for an operator over its children. */
export function combine(operator: BooleanOperator, children: readonly Clause[], label?: string): Clause {
  if (operator === 'and') return allOf(children, label);
  if (operator === 'or') return anyOf(children, label);
  return noneOf(children);
}
