/**
 * The WMI snapshot where PowerShell is absent (Windows PE without WinPE-PowerShell): `wmic path <class> get
 * /format:rawxml` for each class, its CIM XML (`INSTANCE` elements of typed `PROPERTY` and `PROPERTY.ARRAY`
 * elements) read into the same rows. wmic needs WinPE-WMI, as PowerShell's CIM does.
 */
import { SaxesParser } from 'saxes';
import { TaskseqError } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { SNAPSHOT_CLASSES, type WmiSnapshot } from './wmi-snapshot.ts';
import type { WmiRow } from '../../../../engine/index.ts';

/** How long wmic may take for one class. */
export const WMIC_TIMEOUT_MS = 60_000;

/** The wmic command that reads one class. */
export function wmicArgv(className: string): string[] {
  return ['wmic', 'path', className, 'get', '/format:rawxml'];
}

const NUMERIC = /^(?:[us]int(?:8|16|32|64)|real(?:32|64))$/i;

function typed(type: string, text: string): string | number | boolean {
  if (NUMERIC.test(type)) return Number(text);
  if (type.toLowerCase() === 'boolean') return text.trim().toLowerCase() === 'true';
  return text;
}

/**
 * The instances in wmic's `/format:rawxml` output; a property without a VALUE is null.
 * @throws Error with the parser's message for output that is not well-formed XML
 */
export function parseWmicRawXml(xml: string): WmiRow[] {
  const rows: WmiRow[] = [];
  const parser = new SaxesParser();
  let row: WmiRow | undefined;
  let property: { name: string; type: string; array: boolean; values: Array<string | number | boolean> } | undefined;
  let text: string | undefined;
  parser.on('opentag', (tag) => {
    const attr = (name: string) => String(tag.attributes[name] ?? '');
    if (tag.name === 'INSTANCE') row = {};
    else if (row && (tag.name === 'PROPERTY' || tag.name === 'PROPERTY.ARRAY')) {
      property = { name: attr('NAME'), type: attr('TYPE'), array: tag.name === 'PROPERTY.ARRAY', values: [] };
    } else if (property && tag.name === 'VALUE') text = '';
  });
  parser.on('text', (t) => { if (text !== undefined) text += t; });
  parser.on('closetag', (tag) => {
    if (tag.name === 'VALUE' && property && text !== undefined) {
      property.values.push(typed(property.type, text));
      text = undefined;
    } else if ((tag.name === 'PROPERTY' || tag.name === 'PROPERTY.ARRAY') && row && property) {
      const v = property.values;
      row[property.name] = property.array ? (v.length === 0 ? null : (v.every((x) => typeof x === 'number') ? v as number[] : v.map(String)))
        : v.length === 0 ? null : v[0]!;
      property = undefined;
    } else if (tag.name === 'INSTANCE' && row) {
      rows.push(row);
      row = undefined;
    }
  });
  parser.write(xml.slice(Math.max(0, xml.indexOf('<')))).close();
  return rows;
}

/**
 * The text of wmic's output. Some wmic builds (wine's) write UTF-16LE without a byte order mark; read in a one-byte
 * code page, each character is followed by a NUL, which is dropped.
 */
export function wmicText(decoded: string): string {
  return /^(?:[^\0]\0)+$/s.test(decoded) ? decoded.replace(/\0/g, '') : decoded;
}

/** What wmic said when it failed: its first line that is not the `Node - <name>` header. */
function reason(stdout: string, stderr: string, exitCode: number): string {
  const said = `${wmicText(stderr)}\n${wmicText(stdout)}`.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !/^node\s*-|^error:$/i.test(l));
  return `wmic exited with ${exitCode}${said ? `: ${said}` : ''}`;
}

/**
 * Reads every snapshot class with wmic. A class wmic cannot read is a failure of that class only; output that is
 * not CIM XML stops the snapshot.
 * @throws TaskseqError `tool-missing` from the runner when wmic is not there; `unsupported` naming the command for
 *   malformed output
 */
export async function readWmicSnapshot(run: RunProcess, classes: readonly string[] = SNAPSHOT_CLASSES): Promise<WmiSnapshot> {
  const snapshot: WmiSnapshot = { classes: new Map(), failures: new Map(), command: wmicArgv('<class>').join(' ') };
  for (const name of classes) {
    const argv = wmicArgv(name);
    const r = await run({ argv, timeoutMs: WMIC_TIMEOUT_MS });
    if (r.exitCode !== 0 || r.killed) {
      snapshot.failures.set(name.toLowerCase(), r.killed ? `wmic did not finish within ${WMIC_TIMEOUT_MS / 1000} s` : reason(r.stdout, r.stderr, r.exitCode));
      continue;
    }
    try {
      // "No Instance(s) Available." comes without any XML.
      const xml = wmicText(r.stdout);
      snapshot.classes.set(name.toLowerCase(), xml.includes('<') ? parseWmicRawXml(xml) : []);
    } catch (e) {
      throw new TaskseqError('unsupported', `cannot read this machine's WMI facts: ${argv.join(' ')} printed malformed XML (${(e as Error).message})`, { cause: e });
    }
  }
  return snapshot;
}
