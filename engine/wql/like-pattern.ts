/**
 * WQL / SQL `LIKE` patterns as regular expressions. Shared by the WQL evaluator and the variable `like` operator so
 * that both accept the same patterns.
 */

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|\/-]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/** A `[...]` set starting at `open`: its regex text and the index after `]`, or undefined when it is not a set. */
function readSet(pattern: string, open: number): { source: string; end: number } | undefined {
  let i = open + 1;
  const negated = pattern[i] === '^';
  if (negated) i++;
  const close = pattern.indexOf(']', i);
  if (close <= i) return undefined; // `[]`, `[^]` or no closing bracket: the `[` is literal
  const body = pattern.slice(i, close);
  let source = '';
  for (let k = 0; k < body.length; k++) {
    const from = body[k];
    const to = body[k + 2];
    if (body[k + 1] === '-' && to !== undefined && from <= to) {
      source += `${escapeRegex(from)}-${escapeRegex(to)}`;
      k += 2;
    } else {
      source += escapeRegex(from);
    }
  }
  return { source: `[${negated ? '^' : ''}${source}]`, end: close + 1 };
}

/**
 * Turns a `LIKE` pattern into an anchored, case-insensitive regular expression: `%` matches any run (also empty), `_`
 * exactly one character, `[abc]` / `[a-z]` one character of the set and `[^...]` one character outside it; every
 * other character is literal. A `[` without a matching `]` (or an empty `[]`) is literal, so `[[]` is a literal `[`.
 */
export function likeToRegExp(pattern: string): RegExp {
  let source = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '%') {
      source += '[\\s\\S]*';
    } else if (c === '_') {
      source += '[\\s\\S]';
    } else if (c === '[') {
      const set = readSet(pattern, i);
      if (set) {
        source += set.source;
        i = set.end;
        continue;
      }
      source += '\\[';
    } else {
      source += escapeRegex(c);
    }
    i++;
  }
  return new RegExp(`^${source}$`, 'i');
}
