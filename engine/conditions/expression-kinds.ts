/**
 * The expression types taskseq evaluates, by `type` (case-insensitive). The Set Dynamic Variables rule-only types
 * (make/model, computer, location) are evaluated by that step, which hands the rest of a rule's condition here.
 */
import type { ExpressionKind } from './expression-kind.ts';
import { fileExpression, folderExpression } from './file-expressions.ts';
import { registryExpression } from './registry-expression.ts';
import { softwareExpression } from './software-expression.ts';
import { variableExpression } from './variable-expression.ts';
import { wmiExpression } from './wmi-expression.ts';

const KINDS: readonly ExpressionKind[] = [
  variableExpression,
  wmiExpression,
  fileExpression,
  folderExpression,
  registryExpression,
  softwareExpression,
];

const BY_TYPE = new Map(KINDS.map((k) => [k.type.toLowerCase(), k]));

/** The kind for an expression `type`, or undefined when taskseq does not know it. */
export function findExpressionKind(type: string | undefined): ExpressionKind | undefined {
  return BY_TYPE.get((type ?? '').trim().toLowerCase());
}

/** Every known expression type name. */
export function expressionTypes(): string[] {
  return KINDS.map((k) => k.type);
}
