/** Evaluates a parsed WQL query against in-memory WMI objects (the simulated machine's facts). */
import { UnsupportedQueryError, type WmiRow } from '../ports/machine-probe.ts';
import { likeToRegExp } from './like-pattern.ts';
import { parseWql } from './parse-wql.ts';
import type { WqlExpr } from './wql-query.ts';
import { compareScalar, satisfies } from './wql-values.ts';

type RowValue = WmiRow[string] | undefined;
type Predicate = (row: WmiRow) => boolean;

/** The row's value of `property` (case-insensitive name); undefined when the row lacks it. */
function lookup(row: WmiRow, property: string): RowValue {
  if (property in row) return row[property];
  const lower = property.toLowerCase();
  for (const key of Object.keys(row)) if (key.toLowerCase() === lower) return row[key];
  return undefined;
}

function isNull(v: RowValue): v is null | undefined {
  return v === null || v === undefined;
}

/** True when `test` holds for the value, or for at least one element of an array value. */
function anyElement(v: string | number | boolean | string[] | number[], test: (x: string | number | boolean) => boolean): boolean {
  return Array.isArray(v) ? (v as Array<string | number>).some(test) : test(v);
}

function compilePredicate(expr: WqlExpr): Predicate {
  switch (expr.kind) {
    case 'and': {
      const [l, r] = [compilePredicate(expr.left), compilePredicate(expr.right)];
      return (row) => l(row) && r(row);
    }
    case 'or': {
      const [l, r] = [compilePredicate(expr.left), compilePredicate(expr.right)];
      return (row) => l(row) || r(row);
    }
    case 'not': {
      const inner = compilePredicate(expr.operand);
      return (row) => !inner(row);
    }
    case 'isNull':
      return (row) => isNull(lookup(row, expr.property)) !== expr.negated;
    case 'like': {
      const re = likeToRegExp(expr.pattern);
      return (row) => {
        const v = lookup(row, expr.property);
        if (isNull(v)) return false;
        // NOT LIKE on an array means "no element matches", the negation of LIKE.
        return anyElement(v, (x) => re.test(String(x))) !== expr.negated;
      };
    }
    case 'compare': {
      const { property, value } = expr;
      // `<>` is the negation of `=` so that `ChassisTypes <> 9` means "9 is not among them".
      const positive = expr.operator === '<>' ? '=' : expr.operator;
      const negate = expr.operator === '<>';
      return (row) => {
        const v = lookup(row, property);
        if (isNull(v)) return false;
        return anyElement(v, (x) => satisfies(compareScalar(x, value), positive)) !== negate;
      };
    }
  }
}

function project(row: WmiRow, properties: string[]): WmiRow {
  const out: WmiRow = {};
  for (const p of properties) {
    const lower = p.toLowerCase();
    const key = Object.keys(row).find((k) => k.toLowerCase() === lower) ?? p;
    out[key] = row[key] ?? null;
  }
  return out;
}

/**
 * Runs `query` over the objects `rows(className)` returns. `rows` receives the class name as written in the query and
 * must match class names case-insensitively. Properties missing on a row are NULL; comparisons with NULL are false
 * (only `IS NULL` matches). Array values match when any element matches (`<>` / `NOT LIKE`: when none does).
 * `SELECT *` returns the row objects themselves; a property list returns new objects with those properties.
 * @throws UnsupportedQueryError when the query is outside the subset ({@link parseWql}) or the class is unknown.
 */
export function runWql(query: string, rows: (className: string) => WmiRow[] | undefined): WmiRow[] {
  const parsed = parseWql(query);
  const objects = rows(parsed.className);
  if (objects === undefined) {
    throw new UnsupportedQueryError(query, `class "${parsed.className}" is not known to this machine`);
  }
  const keep = parsed.where ? compilePredicate(parsed.where) : () => true;
  const matched = objects.filter(keep);
  const props = parsed.properties;
  return props === '*' ? matched : matched.map((row) => project(row, props));
}
