/**
 * How a WMI property value compares with a WQL literal. String comparisons are case-insensitive (as WMI's are);
 * a number against a numeric string compares numerically; booleans compare with TRUE/FALSE, `true`/`false` text
 * and 1/0.
 */
import type { WqlComparisonOperator, WqlLiteral } from './wql-query.ts';

type Scalar = string | number | boolean;

const NUMERIC_TEXT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function numberOf(value: Scalar): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (NUMERIC_TEXT.test(value)) return Number(value);
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? 1 : lower === 'false' ? 0 : undefined;
}

function sign(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1: `value` ordered against `literal` under the rules above. */
export function compareScalar(value: Scalar, literal: WqlLiteral): number {
  const textOnly = typeof value === 'string' && typeof literal === 'string';
  if (!textOnly) {
    const a = numberOf(value);
    const b = numberOf(literal);
    if (a !== undefined && b !== undefined) return sign(a, b);
  }
  return sign(String(value).toLowerCase(), String(literal).toLowerCase());
}

/** True when `order` (from {@link compareScalar}) satisfies `operator`. */
export function satisfies(order: number, operator: WqlComparisonOperator): boolean {
  switch (operator) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
  }
}
