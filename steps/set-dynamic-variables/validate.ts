/** Static checks of Set Dynamic Variables (pure): the rules parse, name writable variables and use known tests. */
import type { ConditionNode, StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { MAX_VALUE_LENGTH } from '../../variables/index.ts';
import { checkWritableName } from '../shared/writable-name.ts';
import { parseRules, type Rule } from './parse-rules.ts';
import { COMPUTER_TYPE, isRuleOnlyType } from './rule-conditions.ts';

const WRITER = 'Set Dynamic Variables';

/** Expression types a rule may use besides the rule-only ones. */
const ENGINE_TYPES = ['Variable', 'WMI', 'Registry', 'File', 'Folder', 'Software'].map(
  (k) => `SMS_TaskSequence_${k}ConditionExpression`.toLowerCase(),
);

function expressions(nodes: readonly ConditionNode[]): Array<Extract<ConditionNode, { kind: 'expression' }>> {
  return nodes.flatMap((n) => (n.kind === 'expression' ? [n] : n.kind === 'platformKey' ? [] : expressions(n.children)));
}

function checkConditionTypes(rule: Rule, field: string): StepProblem[] {
  const problems: StepProblem[] = [];
  for (const e of expressions(rule.condition?.children ?? [])) {
    if (!isRuleOnlyType(e.type) && !ENGINE_TYPES.includes(e.type.trim().toLowerCase())) {
      problems.push({ severity: 'error', code: 'unknown-condition-type', field, message: `rule ${rule.number}: unknown condition type "${e.type}"` });
    } else if (e.type.trim().toLowerCase() === COMPUTER_TYPE.toLowerCase() && e.properties.every((p) => p.value.trim() === '')) {
      problems.push({ severity: 'warning', code: 'empty-computer-rule', field, message: `rule ${rule.number}: computer rule gives no asset tag, UUID, serial number or MAC address, so it never matches` });
    }
  }
  return problems;
}

function checkVariables(rule: Rule, field: string): StepProblem[] {
  const problems: StepProblem[] = [];
  for (const v of rule.variables) {
    const bad = checkWritableName(v.name, WRITER, field);
    if (bad) problems.push({ ...bad, message: `rule ${rule.number}: ${bad.message}` });
    if (v.value.length > MAX_VALUE_LENGTH) {
      problems.push({ severity: 'error', code: 'value-too-long', field, message: `rule ${rule.number}: the value of ${v.name} is ${v.value.length} characters; at most ${MAX_VALUE_LENGTH} are allowed` });
    }
  }
  return problems;
}

/** Checks the `Rules` option; an absent or empty option means "gather built-ins only" and is fine. */
export function validateSetDynamicVariables(view: StepDefinitionView): StepProblem[] {
  const text = view.options.Rules;
  if (!text) return [];
  const field = view.optionVariables.Rules ?? 'Rules';
  const parsed = parseRules(text);
  if ('error' in parsed) return [{ severity: 'error', code: 'invalid-rules', field, message: parsed.error }];
  return parsed.rules.flatMap((r) => [...checkConditionTypes(r, field), ...checkVariables(r, field)]);
}
