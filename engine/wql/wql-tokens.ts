/** Splits WQL text into tokens. Errors are reported as UnsupportedQueryError naming the query and the position. */
import { UnsupportedQueryError } from '../ports/machine-probe.ts';

export type TokenKind = 'word' | 'string' | 'number' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  /** Source text (`word`, `symbol`), unescaped contents (`string`) or the digits (`number`). */
  text: string;
  /** 0-based offset in the query. */
  pos: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/y;
const SYMBOLS = ['<>', '!=', '<=', '>=', '=', '<', '>', '(', ')', ',', '*', '-', '.'];

/** Reads a quoted literal: the same quote doubled is one quote; `\\`, `\'` and `\"` are escapes. */
function readString(query: string, start: number): { text: string; end: number } {
  const quote = query[start];
  let text = '';
  let i = start + 1;
  while (i < query.length) {
    const c = query[i];
    if (c === '\\' && i + 1 < query.length) {
      const next = query[i + 1];
      // Unknown escapes keep the backslash: `'PCI\VEN'` written without doubling still means what its author meant.
      text += next === '\\' || next === '"' || next === "'" ? next : c + next;
      i += 2;
    } else if (c === quote && query[i + 1] === quote) {
      text += quote;
      i += 2;
    } else if (c === quote) {
      return { text, end: i + 1 };
    } else {
      text += c;
      i++;
    }
  }
  throw new UnsupportedQueryError(query, `unterminated string literal at position ${start + 1}`);
}

function matchAt(re: RegExp, query: string, pos: number): string | undefined {
  re.lastIndex = pos;
  const m = re.exec(query);
  return m ? m[0] : undefined;
}

/** Tokenizes `query`; the last token is always `end`. @throws UnsupportedQueryError on characters WQL does not use. */
export function tokenizeWql(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const s = readString(query, i);
      tokens.push({ kind: 'string', text: s.text, pos: i });
      i = s.end;
      continue;
    }
    const word = matchAt(WORD, query, i);
    const num = word === undefined ? matchAt(NUMBER, query, i) : undefined;
    const sym = word ?? num ?? SYMBOLS.find((s) => query.startsWith(s, i));
    if (sym === undefined) {
      throw new UnsupportedQueryError(query, `unexpected character "${c}" at position ${i + 1}`);
    }
    tokens.push({ kind: word !== undefined ? 'word' : num !== undefined ? 'number' : 'symbol', text: sym, pos: i });
    i += sym.length;
  }
  tokens.push({ kind: 'end', text: '', pos: query.length });
  return tokens;
}
