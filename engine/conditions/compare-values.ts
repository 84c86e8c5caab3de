/**
 * The variable comparison rule shared by variable and registry conditions: numeric when both sides are integers,
 * otherwise case-insensitive (ordinal on lower-cased text); `like` patterns as in WQL.
 */
import { InvalidInputError } from '../problems.ts';
import { likeToRegExp } from '../wql/like-pattern.ts';

export const VALUE_OPERATORS = [
  'exists', 'notExists', 'equals', 'notEquals', 'greater', 'greaterEqual', 'less', 'lessEqual', 'like', 'notLike',
] as const;

export type ValueOperator = (typeof VALUE_OPERATORS)[number];

/** Operators that order two values (file version and date conditions accept only these). */
export const ORDER_OPERATORS: readonly ValueOperator[] = [
  'equals', 'notEquals', 'greater', 'greaterEqual', 'less', 'lessEqual',
];

const BY_LOWER = new Map<string, ValueOperator>(VALUE_OPERATORS.map((o) => [o.toLowerCase(), o]));
BY_LOWER.set('nonexists', 'notExists'); // the SDK's spelling for registry conditions

/** The canonical operator for a name (case-insensitive, trimmed; `nonExists` = `notExists`), or undefined. */
export function parseValueOperator(name: string | undefined): ValueOperator | undefined {
  return name === undefined ? undefined : BY_LOWER.get(name.trim().toLowerCase());
}

/** A right-hand side prepared once: its text, lower-cased text, integer value and `like` pattern. */
export interface PreparedValue {
  text: string;
  lower: string;
  int: number | bigint | undefined;
  pattern: RegExp | undefined;
}

const INTEGER = /^[+-]?\d+$/;

/** The integer a text holds (leading sign allowed, `007` = 7), or undefined. Large values become bigint. */
export function parseInteger(text: string): number | bigint | undefined {
  if (!INTEGER.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

export function prepareValue(text: string, operator: ValueOperator): PreparedValue {
  const like = operator === 'like' || operator === 'notLike';
  return { text, lower: text.toLowerCase(), int: parseInteger(text), pattern: like ? likeToRegExp(text) : undefined };
}

/** -1, 0 or 1: numeric when both are integers, else ordinal on lower-cased text. */
export function orderValues(left: string, right: PreparedValue): number {
  if (right.int !== undefined) {
    const l = parseInteger(left);
    if (l !== undefined) return l < right.int ? -1 : l > right.int ? 1 : 0;
  }
  const lower = left.toLowerCase();
  return lower < right.lower ? -1 : lower > right.lower ? 1 : 0;
}

/** Tests a value that is set (non-empty) against a prepared right-hand side. */
export type ValueTest = (left: string, right: PreparedValue) => boolean;

const TESTS: Record<ValueOperator, ValueTest> = {
  exists: () => true,
  notExists: () => false,
  equals: (l, r) => l === r.text || orderValues(l, r) === 0,
  notEquals: (l, r) => l !== r.text && orderValues(l, r) !== 0,
  greater: (l, r) => orderValues(l, r) > 0,
  greaterEqual: (l, r) => orderValues(l, r) >= 0,
  less: (l, r) => orderValues(l, r) < 0,
  lessEqual: (l, r) => orderValues(l, r) <= 0,
  like: (l, r) => (r.pattern as RegExp).test(l),
  notLike: (l, r) => !(r.pattern as RegExp).test(l),
};

export function valueTest(operator: ValueOperator): ValueTest {
  return TESTS[operator];
}

/** The answer for a value that is not set: only `notExists`, `notEquals` and `notLike` are true. */
export function missingValueResult(operator: ValueOperator): boolean {
  return operator === 'notExists' || operator === 'notEquals' || operator === 'notLike';
}

/**
 * Compares `left` (a variable's value; empty = not set) with `right` by the variable rule: numeric when both are
 * integers, otherwise case-insensitive text; `like`/`notLike` use `%`, `_` and `[...]` wildcards. An empty `left`
 * follows the not-set rule ({@link missingValueResult}).
 * @throws InvalidInputError for an unknown operator.
 */
export function compareValues(left: string, operator: string, right: string): boolean {
  const op = parseValueOperator(operator);
  if (op === undefined) {
    throw new InvalidInputError(`unknown condition operator "${operator}"`, [
      { severity: 'error', code: 'unknown-operator', message: `unknown condition operator "${operator}"`, field: 'Operator' },
    ]);
  }
  if (left === '') return missingValueResult(op);
  return TESTS[op](left, prepareValue(right, op));
}
