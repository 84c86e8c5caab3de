/**
 * Rule conditions of Set Dynamic Variables. Three expression types exist only in rules: make and model, computer
 * (asset tag / UUID / serial / MAC) and location (default gateway). They are evaluated here from the machine facts;
 * every subtree without them is handed to the engine's condition evaluator unchanged.
 */
import type { Condition, ConditionNode, ConditionResult, ExpressionNode, SystemFacts } from '../../engine/step-api.ts';

export const MAKE_MODEL_TYPE = 'SMS_TaskSequence_MakeModelConditionExpression';
export const COMPUTER_TYPE = 'SMS_TaskSequence_ComputerConditionExpression';
export const LOCATION_TYPE = 'SMS_TaskSequence_LocationConditionExpression';

const RULE_ONLY = new Set([MAKE_MODEL_TYPE, COMPUTER_TYPE, LOCATION_TYPE].map((t) => t.toLowerCase()));

export interface RuleEnvironment {
  facts: SystemFacts;
  /** The engine's evaluator, for conditions without rule-only expressions. */
  evaluate(condition: Condition): ConditionResult;
}

/** True for the expression types only rules use. */
export function isRuleOnlyType(type: string): boolean {
  return RULE_ONLY.has(type.trim().toLowerCase());
}

function containsRuleOnly(node: ConditionNode): boolean {
  if (node.kind === 'expression') return isRuleOnlyType(node.type);
  return node.kind !== 'platformKey' && node.children.some(containsRuleOnly);
}

/** `*` any run, `?` one character, the rest literal; case-insensitive, whole text. */
export function matchWildcard(pattern: string, text: string): boolean {
  const source = pattern.replace(/[\\^$.+()[\]{}|]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${source}$`, 'i').test(text);
}

const property = (node: ExpressionNode, name: string): string =>
  (node.properties.find((p) => p.name.toLowerCase() === name.toLowerCase())?.value ?? '').trim();
const normalizeMac = (mac: string): string => mac.replace(/[\s:.-]/g, '').toUpperCase();
const normalizeUuid = (uuid: string): string => uuid.replace(/[{}\s]/g, '').toUpperCase();
const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function makeModel(node: ExpressionNode, facts: SystemFacts): ConditionResult {
  const make = property(node, 'Make') || '*';
  const model = property(node, 'Model') || '*';
  if (matchWildcard(make, facts.make.trim()) && matchWildcard(model, facts.model.trim())) return { value: true };
  return { value: false, falseClause: `Make "${make}" and Model "${model}" (make: "${facts.make}", model: "${facts.model}")` };
}

/** The computer properties a rule gives (non-empty), each with whether the machine matches it. */
export function computerTests(node: ExpressionNode, facts: SystemFacts): Array<{ property: string; expected: string; matches: boolean }> {
  const tests: Array<[string, (v: string) => boolean]> = [
    ['AssetTag', (v) => sameText(v, facts.assetTag ?? '')],
    ['UUID', (v) => normalizeUuid(v) === normalizeUuid(facts.uuid)],
    ['SerialNumber', (v) => sameText(v, facts.serialNumber)],
    ['MACAddress', (v) => facts.macAddresses.some((m) => normalizeMac(m) === normalizeMac(v))],
  ];
  return tests.flatMap(([name, test]) => {
    const expected = property(node, name);
    return expected === '' ? [] : [{ property: name, expected, matches: test(expected) }];
  });
}

function computer(node: ExpressionNode, facts: SystemFacts): ConditionResult {
  const tests = computerTests(node, facts);
  if (tests.some((t) => t.matches)) return { value: true };
  const given = tests.map((t) => `${t.property} "${t.expected}"`).join(', ');
  return { value: false, falseClause: tests.length ? `computer ${given}: none matches this machine` : 'computer rule without values' };
}

function location(node: ExpressionNode, facts: SystemFacts): ConditionResult {
  const gateway = property(node, 'DefaultGateway');
  if (gateway !== '' && facts.defaultGateways.some((g) => sameText(g, gateway))) return { value: true };
  return { value: false, falseClause: `DefaultGateway "${gateway}" (gateways: ${facts.defaultGateways.join(', ') || 'none'})` };
}

function evaluateRuleOnly(node: ExpressionNode, facts: SystemFacts): ConditionResult {
  const type = node.type.trim().toLowerCase();
  if (type === MAKE_MODEL_TYPE.toLowerCase()) return makeModel(node, facts);
  if (type === COMPUTER_TYPE.toLowerCase()) return computer(node, facts);
  return location(node, facts);
}

function evaluateAll(nodes: readonly ConditionNode[], env: RuleEnvironment): ConditionResult {
  for (const n of nodes) {
    const r = evaluateNode(n, env);
    if (!r.value) return r;
  }
  return { value: true };
}

function evaluateOperator(operator: string, children: readonly ConditionNode[], env: RuleEnvironment): ConditionResult {
  const op = operator.trim().toLowerCase();
  if (op === 'or') {
    const results = children.map((c) => evaluateNode(c, env));
    if (results.some((r) => r.value)) return { value: true };
    return { value: false, falseClause: `or: none of ${children.length} clauses was true: ${results.map((r) => r.falseClause).join('; ')}` };
  }
  const all = evaluateAll(children, env);
  if (op !== 'not') return all;
  // `not` of several children negates their AND; `not` of nothing is true (as the engine's evaluator has it).
  if (children.length === 0) return { value: true };
  return all.value ? { value: false, falseClause: 'not: inner clause was true' } : { value: true };
}

function evaluateNode(node: ConditionNode, env: RuleEnvironment): ConditionResult {
  if (!containsRuleOnly(node)) return env.evaluate({ children: [node] });
  if (node.kind === 'expression') return evaluateRuleOnly(node, env.facts);
  if (node.kind === 'platformKey') return { value: true };
  return evaluateOperator(node.operator, node.children, env);
}

/**
 * Evaluates a rule's condition: top-level children ANDed. Throws what the engine's evaluator throws (unknown
 * expression types, unsupported WMI queries).
 */
export function evaluateRuleCondition(condition: Condition, env: RuleEnvironment): ConditionResult {
  if (!condition.children.some(containsRuleOnly)) return env.evaluate(condition);
  return evaluateAll(condition.children, env);
}
