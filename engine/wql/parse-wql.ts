/** Recursive-descent parser for `SELECT * | props FROM Class [WHERE expr]`. */
import { UnsupportedQueryError } from '../ports/machine-probe.ts';
import { tokenizeWql, type Token } from './wql-tokens.ts';
import type { WqlComparisonOperator, WqlExpr, WqlLiteral, WqlQuery } from './wql-query.ts';

const COMPARISONS: Record<string, WqlComparisonOperator> = {
  '=': '=', '<>': '<>', '!=': '<>', '<': '<', '>': '>', '<=': '<=', '>=': '>=',
};
/** Operand order flipped (`5 < Prop` is `Prop > 5`). */
const FLIPPED: Record<WqlComparisonOperator, WqlComparisonOperator> = {
  '=': '=', '<>': '<>', '<': '>', '>': '<', '<=': '>=', '>=': '<=',
};
/** Parts of full WQL that this subset refuses by name rather than with a generic syntax error. */
const UNSUPPORTED_WORDS = new Set(['ASSOCIATORS', 'REFERENCES', 'ISA', 'WITHIN', 'GROUP', 'HAVING', 'BY', 'KEYSONLY']);
const RESERVED = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'LIKE', 'IS', 'NULL', 'TRUE', 'FALSE']);

type Operand = { property: string } | { literal: WqlLiteral | null };

class WqlParser {
  private i = 0;
  constructor(private readonly query: string, private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.i];
  }

  private fail(reason: string): never {
    throw new UnsupportedQueryError(this.query, reason);
  }

  private describe(t: Token): string {
    return t.kind === 'end' ? 'end of query' : `"${t.text}" at position ${t.pos + 1}`;
  }

  private isWord(word: string): boolean {
    const t = this.token;
    return t.kind === 'word' && t.text.toUpperCase() === word;
  }

  private isSymbol(symbol: string): boolean {
    const t = this.token;
    return t.kind === 'symbol' && t.text === symbol;
  }

  private acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }

  private expectWord(word: string): void {
    if (this.acceptWord(word)) return;
    this.refuseUnsupported();
    this.fail(`expected ${word} but found ${this.describe(this.token)}`);
  }

  private refuseUnsupported(): void {
    const t = this.token;
    if (t.kind === 'word' && UNSUPPORTED_WORDS.has(t.text.toUpperCase())) {
      this.fail(`${t.text.toUpperCase()} is not supported (only SELECT ... FROM ... [WHERE ...] data queries are)`);
    }
  }

  private name(what: string): string {
    this.refuseUnsupported();
    const t = this.token;
    if (t.kind !== 'word' || RESERVED.has(t.text.toUpperCase())) {
      this.fail(`expected ${what} but found ${this.describe(t)}`);
    }
    this.i++;
    return t.text;
  }

  parse(): WqlQuery {
    this.refuseUnsupported();
    this.expectWord('SELECT');
    const properties = this.selectList();
    this.expectWord('FROM');
    const className = this.name('a class name');
    let where: WqlExpr | undefined;
    if (this.acceptWord('WHERE')) where = this.orExpr();
    if (this.token.kind !== 'end') {
      this.refuseUnsupported();
      this.fail(`unexpected ${this.describe(this.token)}`);
    }
    return where ? { className, properties, where } : { className, properties };
  }

  private selectList(): string[] | '*' {
    if (this.isSymbol('*')) {
      this.i++;
      return '*';
    }
    const names = [this.name('a property name or *')];
    while (this.isSymbol(',')) {
      this.i++;
      names.push(this.name('a property name'));
    }
    return names;
  }

  private orExpr(): WqlExpr {
    let left = this.andExpr();
    while (this.acceptWord('OR')) left = { kind: 'or', left, right: this.andExpr() };
    return left;
  }

  private andExpr(): WqlExpr {
    let left = this.notExpr();
    while (this.acceptWord('AND')) left = { kind: 'and', left, right: this.notExpr() };
    return left;
  }

  private notExpr(): WqlExpr {
    if (this.acceptWord('NOT')) return { kind: 'not', operand: this.notExpr() };
    if (this.isSymbol('(')) {
      this.i++;
      const inner = this.orExpr();
      if (!this.isSymbol(')')) {
        this.fail(`expected ")" but found ${this.describe(this.token)}`);
      }
      this.i++;
      return inner;
    }
    return this.predicate();
  }

  private predicate(): WqlExpr {
    const left = this.operand();
    if ('property' in left) {
      const property = left.property;
      if (this.acceptWord('IS')) {
        const negated = this.acceptWord('NOT');
        this.expectWord('NULL');
        return { kind: 'isNull', property, negated };
      }
      const negated = this.acceptWord('NOT');
      if (this.acceptWord('LIKE')) return { kind: 'like', property, pattern: this.likePattern(), negated };
      if (negated) this.fail(`expected LIKE after NOT but found ${this.describe(this.token)}`);
    }
    const operator = this.comparisonOperator();
    const right = this.operand();
    return this.comparison(left, operator, right);
  }

  private likePattern(): string {
    const t = this.token;
    if (t.kind !== 'string') this.fail(`expected a quoted LIKE pattern but found ${this.describe(t)}`);
    this.i++;
    return t.text;
  }

  private comparisonOperator(): WqlComparisonOperator {
    const t = this.token;
    this.refuseUnsupported();
    const op = t.kind === 'symbol' ? COMPARISONS[t.text] : undefined;
    if (!op) this.fail(`expected a comparison operator but found ${this.describe(t)}`);
    this.i++;
    return op;
  }

  private comparison(left: Operand, operator: WqlComparisonOperator, right: Operand): WqlExpr {
    if ('property' in left && 'property' in right) {
      this.fail(`comparing two properties (${left.property}, ${right.property}) is not supported`);
    }
    if ('literal' in left && 'literal' in right) this.fail('a comparison needs a property on one side');
    const [property, value, op] =
      'property' in left
        ? [left.property, (right as { literal: WqlLiteral | null }).literal, operator]
        : [(right as { property: string }).property, left.literal, FLIPPED[operator]];
    if (value === null) {
      // WQL allows `Prop = NULL` / `Prop <> NULL` as spellings of IS [NOT] NULL.
      if (op !== '=' && op !== '<>') this.fail(`NULL can only be compared with = or <>`);
      return { kind: 'isNull', property, negated: op === '<>' };
    }
    return { kind: 'compare', property, operator: op, value };
  }

  private operand(): Operand {
    const t = this.token;
    if (t.kind === 'string') {
      this.i++;
      return { literal: t.text };
    }
    if (t.kind === 'number' || this.isSymbol('-')) return { literal: this.number() };
    if (t.kind === 'word') {
      const upper = t.text.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE' || upper === 'NULL') {
        this.i++;
        return { literal: upper === 'NULL' ? null : upper === 'TRUE' };
      }
    }
    return { property: this.name('a property name or a value') };
  }

  private number(): number {
    const negative = this.token.kind === 'symbol';
    if (negative) this.i++;
    const t = this.token;
    if (t.kind !== 'number') this.fail(`expected a number but found ${this.describe(t)}`);
    this.i++;
    const value = Number(t.text);
    return negative ? -value : value;
  }
}

/**
 * Parses a WQL data query of the supported subset: `SELECT * | prop[, prop...] FROM Class [WHERE expr]` with
 * `= <> != < > <= >=`, `[NOT] LIKE`, `IS [NOT] NULL`, `AND`, `OR`, `NOT` and parentheses; literals are '...' or
 * "..." strings, integers/decimals (also `0x` hex) and TRUE/FALSE/NULL. Keywords are case-insensitive.
 * @throws UnsupportedQueryError naming the query and the part that is not supported or not valid.
 */
export function parseWql(query: string): WqlQuery {
  return new WqlParser(query, tokenizeWql(query)).parse();
}
