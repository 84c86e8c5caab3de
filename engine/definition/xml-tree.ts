/**
 * A light element tree over saxes: names, attributes in document order, child elements, concatenated text and
 * CDATA, and the 1-based line/column of each start tag. Malformed XML becomes a `Problem`, never an exception.
 */
import { SaxesParser } from 'saxes';
import { InvalidInputError, type Problem } from '../problems.ts';
import { createProblem } from './create-problem.ts';

/** One XML element. `text` is the concatenation of its direct text and CDATA children (whitespace included). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** 1-based line of the `<` of the start tag. */
  line: number;
  /** 1-based column (UTF-16 code units) of the `<` of the start tag. */
  column: number;
  /** Line and column just after the start tag's `>`: where the element's text begins. */
  contentLine: number;
  contentColumn: number;
  /** UTF-16 offset in the parsed text just after the start tag's `>`. */
  contentOffset: number;
}

export interface XmlTreeOptions {
  file?: string;
  /** Added to every line: the text is embedded in another file and starts on line `lineOffset + 1` of it. */
  lineOffset?: number;
  /** Added to columns on the text's first line (embedded text that starts mid-line). */
  firstLineColumnOffset?: number;
}

/** `root` is undefined when the XML is malformed (the problems say where); otherwise problems are non-fatal. */
export interface XmlTreeResult {
  root?: XmlElement;
  problems: Problem[];
}

const MISPLACED_DECLARATION = /^((?:[ \t\r\n]|<!--[\s\S]*?-->)+)(<\?xml[ \t\r\n?][\s\S]*?\?>)/;

/**
 * Parses XML text into an element tree. Recovers from one defect seen in real files: comments or whitespace before
 * the XML declaration (invalid XML) is reported as error `xml-declaration-not-first` and the tree is still built,
 * with every line number unchanged.
 */
export function parseXmlTree(text: string, options: XmlTreeOptions = {}): XmlTreeResult {
  const positions = createPositionMap(text, options);
  const problems: Problem[] = [];
  const source = repairMisplacedDeclaration(text, positions, problems, options.file);
  const root = buildTree(source, positions, problems, options.file);
  return root ? { root, problems } : { problems };
}

/**
 * Parses an XML fragment that must be well-formed (e.g. Set Dynamic Variables rules held in a variable).
 * @throws InvalidInputError carrying the problems when it is malformed.
 */
export function parseXmlElement(text: string, file?: string): XmlElement {
  const result = parseXmlTree(text, { file });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.root || errors.length > 0) {
    const first = errors[0] ?? result.problems[0];
    throw new InvalidInputError(`${file ?? 'XML'}: ${first ? first.message : 'not well-formed XML'}`, result.problems);
  }
  return result.root;
}

function repairMisplacedDeclaration(text: string, positions: PositionMap, problems: Problem[], file?: string): string {
  const m = MISPLACED_DECLARATION.exec(text);
  if (!m) return text;
  const at = positions.at(m[1].length);
  problems.push(createProblem({
    severity: 'error', code: 'xml-declaration-not-first', file, line: at.line, column: at.column,
    message: 'the XML declaration must be the very first thing in the file, but comments or whitespace come before it (ConfigMgr refuses to import such a file); it was read without the declaration',
  }));
  const blanked = m[2].replace(/[^\r\n]/g, ' ');
  return m[1] + blanked + text.slice(m[0].length);
}

class StopParsing extends Error {}

/** What the saxes handlers share while one tree is built. */
interface TreeState {
  parser: SaxesParser;
  positions: PositionMap;
  stack: XmlElement[];
  root?: XmlElement;
  /** saxes closes the elements a mismatched end tag skips over before it reports the error: the last one closed. */
  closed?: { el: XmlElement; at: number };
}

function buildTree(text: string, positions: PositionMap, problems: Problem[], file?: string): XmlElement | undefined {
  const state: TreeState = { parser: new SaxesParser({ position: true }), positions, stack: [] };
  const { parser, stack } = state;
  parser.on('opentagstart', (tag) => openElement(state, tag.name));
  parser.on('opentag', (tag) => {
    const el = stack[stack.length - 1];
    el.attributes = tag.attributes as Record<string, string>;
    const at = positions.at(parser.position);
    el.contentOffset = parser.position;
    el.contentLine = at.line;
    el.contentColumn = at.column;
  });
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el) state.closed = { el, at: parser.position };
  });
  const addText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (err) => {
    problems.push(describeParseError(state, err, file));
    throw new StopParsing();
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (!(e instanceof StopParsing)) throw e;
    return undefined;
  }
  return state.root;
}

function openElement(state: TreeState, name: string): void {
  const at = state.positions.at(state.parser.position - name.length - 2);
  const el: XmlElement = { name, attributes: {}, children: [], text: '', line: at.line, column: at.column, contentLine: 0, contentColumn: 0, contentOffset: 0 };
  const parent = state.stack[state.stack.length - 1];
  if (parent) parent.children.push(el);
  else state.root = el;
  state.stack.push(el);
}

function describeParseError(state: TreeState, err: Error, file?: string): Problem {
  const { parser, stack, closed } = state;
  const at = state.positions.fromParser(parser.line, parser.column);
  const message = err.message.replace(/^(?:.*?:)?\d+:\d+: /, '').replace(/\.$/, '');
  const unclosed = closed && closed.at === parser.position ? closed.el : undefined;
  const open = stack[stack.length - 1];
  const inside = unclosed ? ` (<${unclosed.name}> from line ${unclosed.line} is not closed)`
    : open ? ` (inside <${open.name}> from line ${open.line})` : '';
  return createProblem({ severity: 'error', code: 'malformed-xml', file, line: at.line, column: at.column, message: `not well-formed XML: ${message}${inside}` });
}

interface Position {
  line: number;
  column: number;
}

interface PositionMap {
  /** Line/column of a UTF-16 offset in the text, shifted for embedded text. */
  at(offset: number): Position;
  /** Shifts saxes' own line (1-based) and column (0-based). */
  fromParser(line: number, column: number): Position;
}

function createPositionMap(text: string, options: XmlTreeOptions): PositionMap {
  const lineOffset = options.lineOffset ?? 0;
  const firstColumnOffset = options.firstLineColumnOffset ?? 0;
  let starts: number[] | undefined;
  const shift = (line: number, column: number): Position => ({
    line: line + lineOffset,
    column: line === 1 ? column + firstColumnOffset : column,
  });
  return {
    at(offset) {
      starts ??= lineStarts(text);
      const i = lastStartAtOrBefore(starts, Math.max(0, offset));
      return shift(i + 1, offset - starts[i] + 1);
    },
    fromParser: (line, column) => shift(line, column + 1),
  };
}

/** Offsets where lines start; a line ends at LF, CR LF or a lone CR (as XML line-end handling counts them). */
function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n?|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function lastStartAtOrBefore(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
