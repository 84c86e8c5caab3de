/**
 * A condition judged before a run from a few variables whose values are already certain (e.g. the media built-ins):
 * true, false, or `maybe` when the answer depends on anything else. Variable expressions over the known names are
 * evaluated by the normal condition evaluator; every other expression (WMI, registry, file, unknown variables) is
 * `maybe`, and `and` / `or` / `not` combine the three values the usual way (false wins an `and`, true wins an `or`).
 */
import type { Condition, ConditionNode } from '../definition/model.ts';
import { evaluateCondition } from '../conditions/index.ts';
import type { ConditionContext } from '../conditions/types.ts';
import type { MachineProbe } from '../ports/machine-probe.ts';

export type KnownAnswer = true | false | 'maybe';

const VARIABLE_EXPRESSION = 'sms_tasksequence_variableconditionexpression';

/** Thrown inside an evaluation that reads something not known before the run. */
class NotKnown extends Error {}

const notKnown = (): never => {
  throw new NotKnown();
};

/** A probe that knows nothing: any question about the machine makes the clause `maybe`. */
const NO_PROBE: MachineProbe = new Proxy({} as MachineProbe, { get: () => notKnown });

function contextOf(known: ReadonlyMap<string, string>): ConditionContext {
  const get = (name: string): string | undefined => {
    const key = name.toLowerCase();
    return known.has(key) ? known.get(key) : notKnown();
  };
  // `%NAME%` of a name that is not known could expand to anything.
  const expand = (text: string): string => text.replace(/%([^%\s]+)%/g, (_, name: string) => get(name) ?? '');
  return { get, expand, probe: NO_PROBE };
}

function and(answers: KnownAnswer[]): KnownAnswer {
  if (answers.includes(false)) return false;
  return answers.includes('maybe') ? 'maybe' : true;
}

function or(answers: KnownAnswer[]): KnownAnswer {
  if (answers.includes(true)) return true;
  return answers.includes('maybe') ? 'maybe' : false;
}

function not(answer: KnownAnswer): KnownAnswer {
  return answer === 'maybe' ? 'maybe' : !answer;
}

function expression(node: Extract<ConditionNode, { kind: 'expression' }>, ctx: ConditionContext): KnownAnswer {
  if (node.type.trim().toLowerCase() !== VARIABLE_EXPRESSION) return 'maybe';
  try {
    return evaluateCondition({ children: [node] }, ctx).value;
  } catch {
    // NotKnown, or a clause the evaluator refuses (the preflight reports that itself): nothing certain either way.
    return 'maybe';
  }
}

function judge(node: ConditionNode, ctx: ConditionContext): KnownAnswer {
  if (node.kind === 'expression') return expression(node, ctx);
  if (node.kind === 'platformKey') return true; // descriptive only; an `and` ignores it
  const children = node.children.filter((c) => c.kind !== 'platformKey').map((c) => judge(c, ctx));
  const op = node.operator.trim().toLowerCase();
  if (op === 'and') return and(children);
  if (op === 'or') return or(children);
  if (op === 'not') return not(and(children));
  return 'maybe';
}

/**
 * Judges `condition` knowing only `known` (variable name -> value; names are case-insensitive, an empty value means
 * "not set"). An absent condition is true.
 */
export function judgeKnownCondition(condition: Condition | undefined, known: Readonly<Record<string, string>>): KnownAnswer {
  if (!condition) return true;
  const map = new Map(Object.entries(known).map(([k, v]) => [k.toLowerCase(), v]));
  const ctx = contextOf(map);
  return and(condition.children.filter((c) => c.kind !== 'platformKey').map((c) => judge(c, ctx)));
}
