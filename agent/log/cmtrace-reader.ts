/** Reads CMTrace-format logs (`smsts.log` and friends) back into entries. */
import { InvalidInputError } from '../../engine/problems.ts';
import { unescapeCmtraceMessage } from './cmtrace-format.ts';

/** One parsed entry. */
export interface CmtraceEntry {
  /** Message text with the writer's escape undone; may span several lines. */
  message: string;
  /** Local time as written, without the bias, e.g. `10:21:34.129`. */
  time: string;
  /** Date as written (`MM-dd-yyyy`). */
  date: string;
  /** Minutes west of UTC (UTC = local + bias); 0 when the writer printed none. */
  bias: number;
  component: string;
  context: string;
  /** 0 verbose, 1 information, 2 warning, 3 error. */
  type: number;
  thread: number;
  file: string;
  /** 1-based line where the entry starts. */
  line: number;
}

const OPEN = '<![LOG[';
const CLOSE = ']LOG]!><';
const ATTRIBUTE = /[ \t]*([A-Za-z_][\w-]*)="([^"]*)"/y;
const TIME = /^(\d{1,2}:\d{2}:\d{2}(?:\.\d{1,7})?)([+-]\d{1,4})?$/;
const DATE = /^\d{1,2}-\d{1,2}-\d{4}$/;

/** Counts lines as the cursor moves forward so that errors can name them without rescanning. */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly text: string) {}
  at(pos: number): number {
    for (let i = this.pos; i < pos; i++) if (this.text.charCodeAt(i) === 10) this.line++;
    this.pos = pos;
    return this.line;
  }
}

const BOM = 0xfeff;

/**
 * Parses a whole CMTrace log. Accepts the file's bytes or its text, CRLF or LF, the UTF-8 BOM ConfigMgr's logs start
 * with (also where history files were concatenated before the live log), blank lines between entries and messages
 * that span lines.
 * @param source names the log in error messages (e.g. its path); defaults to `CMTrace log`.
 * @throws InvalidInputError naming the line of the first malformed entry.
 */
export function parseCmtrace(input: string | Uint8Array, source = 'CMTrace log'): CmtraceEntry[] {
  // ignoreBOM keeps the BOM as a character, so that bytes and text take the same path below.
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { ignoreBOM: true }).decode(input);
  const lines = new LineCounter(text);
  const entries: CmtraceEntry[] = [];
  let pos = 0;
  for (;;) {
    pos = skipWhitespace(text, pos);
    if (pos >= text.length) return entries;
    const line = lines.at(pos);
    const fail = (what: string): never => {
      throw new InvalidInputError(`${source} line ${line}: ${what}`, [
        { severity: 'error', code: 'malformed-log-line', message: what, file: source, line },
      ]);
    };
    if (!text.startsWith(OPEN, pos)) fail(`expected an entry starting with "${OPEN}"`);
    const end = text.indexOf(CLOSE, pos + OPEN.length);
    if (end < 0) fail('the entry has no closing "]LOG]!>" marker');
    const parsed = parseAttributes(text, end + CLOSE.length, fail);
    entries.push(toEntry(text.slice(pos + OPEN.length, end), parsed.attrs, line, fail));
    pos = parsed.next;
  }
}

/** Skips line ends, blanks and BOMs (a BOM starts every file, so concatenated files hold one per file). */
function skipWhitespace(text: string, pos: number): number {
  while (pos < text.length && (text.charCodeAt(pos) === BOM || /\s/.test(text[pos]!))) pos++;
  return pos;
}

function parseAttributes(
  text: string,
  start: number,
  fail: (what: string) => never,
): { attrs: Map<string, string>; next: number } {
  const attrs = new Map<string, string>();
  let pos = start;
  for (;;) {
    ATTRIBUTE.lastIndex = pos;
    const m = ATTRIBUTE.exec(text);
    if (!m) break;
    attrs.set(m[1]!.toLowerCase(), m[2]!);
    pos = ATTRIBUTE.lastIndex;
  }
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  if (text[pos] !== '>') fail('the attribute list is not closed by ">" (or an attribute is malformed)');
  return { attrs, next: pos + 1 };
}

function toEntry(raw: string, attrs: Map<string, string>, line: number, fail: (what: string) => never): CmtraceEntry {
  const need = (name: string): string => attrs.get(name) ?? fail(`missing attribute ${name}="..."`);
  const time = TIME.exec(need('time')) ?? fail(`time="${attrs.get('time')}" is not HH:mm:ss.fff+BBB`);
  const date = need('date');
  if (!DATE.test(date)) fail(`date="${date}" is not MM-dd-yyyy`);
  const type = need('type');
  if (!/^\d$/.test(type)) fail(`type="${type}" is not a digit`);
  // Some writers append the hex id, e.g. `2216 (0x08A8)`: the leading decimal is the thread.
  const thread = /^\d+/.exec(need('thread')) ?? fail(`thread="${attrs.get('thread')}" is not a number`);
  return {
    message: unescapeCmtraceMessage(raw),
    time: time[1]!,
    date,
    bias: time[2] ? Number(time[2]) || 0 : 0, // `|| 0` turns `-000` into 0, not -0
    component: need('component'),
    context: attrs.get('context') ?? '',
    type: Number(type),
    thread: Number(thread[0]),
    file: attrs.get('file') ?? '',
    line,
  };
}
