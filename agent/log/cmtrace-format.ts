/** Renders one entry of a CMTrace-format log (the `smsts.log` line format). */
import { pad, renderBias, toLocalParts } from './local-time.ts';

/** CMTrace entry type: 0 verbose/debug, 1 information, 2 warning, 3 error. */
export type CmtraceType = 0 | 1 | 2 | 3;

/** Line ending after every entry. CRLF, like logs written on Windows; the reader also accepts LF. */
export const CMTRACE_LINE_END = '\r\n';

/** What one CMTrace entry holds before rendering. */
export interface CmtraceEntryInput {
  /** Free text; may contain newlines (kept as given). */
  message: string;
  /** Emitting module, e.g. `TSManager`. */
  component: string;
  type: CmtraceType;
  /** The instant of the entry; printed as local time of the zone given by `biasMinutes`. */
  time: Date;
  /** Minutes west of UTC (UTC = local + bias), e.g. 480 for PST, -660 for AEDT. */
  biasMinutes: number;
  thread: number;
  /** Source of the entry, e.g. `engine.ts:12`; empty when omitted. */
  file?: string;
  /** Normally empty. */
  context?: string;
}

const CLOSE_MARKER_PREFIX = ']LOG]!';

/**
 * Escapes a message so that it never contains the closing marker `]LOG]!>`.
 * Only the character right after `]LOG]!` changes: `>` becomes `&gt;` and `&` becomes `&amp;` (the latter keeps
 * the escape reversible). Every other text, including `&` and `>` elsewhere, is written unchanged.
 */
export function escapeCmtraceMessage(message: string): string {
  return message.replace(/\]LOG\]!([>&])/g, (_m, c: string) => CLOSE_MARKER_PREFIX + (c === '>' ? '&gt;' : '&amp;'));
}

/** Reverses {@link escapeCmtraceMessage}. */
export function unescapeCmtraceMessage(message: string): string {
  return message.replace(/\]LOG\]!&(gt|amp);/g, (_m, e: string) => CLOSE_MARKER_PREFIX + (e === 'gt' ? '>' : '&'));
}

/**
 * Makes a value safe inside a double-quoted attribute. Lossy on purpose: a `"` becomes `'` and line breaks become
 * spaces, because attribute values (component, context, file) are short identifiers and a viewer must not break.
 */
export function sanitizeCmtraceAttribute(value: string): string {
  return value.replace(/"/g, "'").replace(/\r\n|[\r\n]/g, ' ');
}

/** Renders `HH:mm:ss.fff+BBB` for the local time of the zone given by `biasMinutes`. */
export function renderCmtraceTime(time: Date, biasMinutes: number): string {
  const p = toLocalParts(time.getTime(), biasMinutes);
  return `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}.${pad(p.millisecond, 3)}${renderBias(biasMinutes)}`;
}

/** Renders `MM-dd-yyyy` for the local date of the zone given by `biasMinutes`. */
export function renderCmtraceDate(time: Date, biasMinutes: number): string {
  const p = toLocalParts(time.getTime(), biasMinutes);
  return `${pad(p.month, 2)}-${pad(p.day, 2)}-${pad(p.year, 4)}`;
}

/**
 * Renders one complete CMTrace entry, ending with {@link CMTRACE_LINE_END}:
 * `<![LOG[message]LOG]!><time="HH:mm:ss.fff+BBB" date="MM-dd-yyyy" component="C" context="" type="N" thread="T" file="F">`.
 * The message is escaped with {@link escapeCmtraceMessage}; attributes with {@link sanitizeCmtraceAttribute}.
 */
export function renderCmtraceLine(entry: CmtraceEntryInput): string {
  const attrs = [
    `time="${renderCmtraceTime(entry.time, entry.biasMinutes)}"`,
    `date="${renderCmtraceDate(entry.time, entry.biasMinutes)}"`,
    `component="${sanitizeCmtraceAttribute(entry.component)}"`,
    `context="${sanitizeCmtraceAttribute(entry.context ?? '')}"`,
    `type="${entry.type}"`,
    `thread="${Math.trunc(entry.thread)}"`,
    `file="${sanitizeCmtraceAttribute(entry.file ?? '')}"`,
  ];
  return `<![LOG[${escapeCmtraceMessage(entry.message)}]LOG]!><${attrs.join(' ')}>${CMTRACE_LINE_END}`;
}
