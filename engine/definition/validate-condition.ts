/**
 * Structural checks of a condition: operator types, known expression classes, and the shape of variable
 * expressions. Deeper checks (WQL, registry paths, dates) belong to the conditions module, which the caller can plug
 * in through `ValidateOptions.checkCondition`.
 */
import type { Condition, ConditionNode } from './model.ts';
import type { Severity } from '../problems.ts';

/** Expression classes a step or group condition may use. */
export const CONDITION_EXPRESSION_TYPES: readonly string[] = Object.freeze([
  'SMS_TaskSequence_VariableConditionExpression',
  'SMS_TaskSequence_WMIConditionExpression',
  'SMS_TaskSequence_RegistryConditionExpression',
  'SMS_TaskSequence_FileConditionExpression',
  'SMS_TaskSequence_FolderConditionExpression',
  'SMS_TaskSequence_SoftwareConditionExpression',
]);

/** Operators of a Task Sequence Variable condition (matched without regard to case). */
export const VARIABLE_CONDITION_OPERATORS: readonly string[] = Object.freeze([
  'exists', 'notExists', 'equals', 'notEquals', 'greater', 'greaterEqual', 'less', 'lessEqual', 'like', 'notLike',
]);

const BOOLEAN_OPERATORS = ['and', 'or', 'not'];
/** What an operator with no clauses means: the identity of its logic (`not` of nothing is taken as true). */
const EMPTY_OPERATOR_VALUE: Record<string, string> = { and: 'true', or: 'false', not: 'true' };
const VARIABLE_OPERATOR_BY_LOWER = new Map(VARIABLE_CONDITION_OPERATORS.map((o) => [o.toLowerCase(), o]));

export type ConditionReporter = (node: ConditionNode, severity: Severity, code: string, message: string, field?: string) => void;

/** Reports every structural problem of `condition` through `report`. */
export function validateCondition(condition: Condition, report: ConditionReporter): void {
  for (const node of condition.children) validateConditionNode(node, report);
}

function validateConditionNode(node: ConditionNode, report: ConditionReporter): void {
  if (node.kind === 'platformKey') return;
  if (node.kind === 'expression') {
    validateExpression(node, report);
    return;
  }
  const op = node.operator.toLowerCase();
  const element = node.kind === 'operator' ? 'operator' : node.kind;
  if (!BOOLEAN_OPERATORS.includes(op)) {
    report(node, 'error', 'unknown-operator', `<${element} type="${node.operator}">: the type must be and, or or not`, 'type');
  } else if (node.children.every((c) => c.kind === 'platformKey')) {
    report(node, 'warning', 'empty-operator', `<${element} type="${node.operator}"> has no clauses; it counts as ${EMPTY_OPERATOR_VALUE[op]}`, 'type');
  }
  for (const child of node.children) validateConditionNode(child, report);
}

function validateExpression(node: Extract<ConditionNode, { kind: 'expression' }>, report: ConditionReporter): void {
  if (!CONDITION_EXPRESSION_TYPES.includes(node.type)) {
    const hint = CONDITION_EXPRESSION_TYPES.find((t) => t.toLowerCase() === node.type.toLowerCase());
    report(node, 'error', 'unknown-condition-type',
      `unknown condition expression type "${node.type}"${hint ? ` (did you mean ${hint}?)` : ''}; it cannot be evaluated`, 'type');
    return;
  }
  if (node.type !== 'SMS_TaskSequence_VariableConditionExpression') return;
  const prop = (name: string) => node.properties.find((p) => p.name === name)?.value;
  const variable = prop('Variable');
  if (variable === undefined || variable.trim() === '') {
    report(node, 'error', 'missing-property', 'variable condition: property Variable is missing or empty', 'Variable');
  }
  const operator = prop('Operator');
  if (operator === undefined || !VARIABLE_OPERATOR_BY_LOWER.has(operator.trim().toLowerCase())) {
    const got = operator === undefined ? 'is missing' : `"${operator}" is not one of ${VARIABLE_CONDITION_OPERATORS.join(', ')}`;
    report(node, 'error', operator === undefined ? 'missing-property' : 'unknown-operator', `variable condition on ${variable ?? '(no variable)'}: Operator ${got}`, 'Operator');
  }
}
