/**
 * Parsers for diskpart's `list disk` and `list volume` tables (pure). Columns are cut where the dashes line under
 * the header puts them, so values with spaces (`No Media`, `System Rese`) survive. Sizes use binary units, as
 * diskpart prints them (`476 GB` = 476 GiB).
 */
import { TaskseqError } from '../../../engine/index.ts';

export interface ListedDisk {
  index: number;
  status: string;
  sizeBytes: number;
  freeBytes: number;
  dynamic: boolean;
  gpt: boolean;
}

export interface ListedVolume {
  index: number;
  /** `C:`; absent when the volume has no letter. */
  letter?: string;
  label: string;
  fileSystem: string;
  type: string;
  sizeBytes: number;
  status: string;
  info: string;
}

const UNITS: Record<string, number> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40, PB: 2 ** 50 };

function malformed(what: string, lineNumber: number, line: string, why: string): TaskseqError {
  return new TaskseqError('invalid-input', `diskpart ${what} output, line ${lineNumber} ("${line.trim()}"): ${why}`);
}

/** Column [start, end) spans from the dashes line; the last column runs to the end of the line. */
function columnSpans(dashes: string): Array<[number, number]> {
  const starts = [...dashes.matchAll(/-+/g)].map((m) => m.index!);
  return starts.map((s, i) => [i === 0 ? 0 : s, i + 1 < starts.length ? starts[i + 1] : Number.MAX_SAFE_INTEGER]);
}

/** The rows of the table whose header starts with `first` (e.g. `Disk ###`), cut into trimmed cells. */
export function tableRows(text: string, what: string, first: string, columns: number): Array<{ cells: string[]; lineNumber: number; line: string }> {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => l.trimStart().startsWith(first));
  if (header < 0 || !/^\s*-+(\s+-+)*\s*$/.test(lines[header + 1] ?? '')) {
    throw new TaskseqError('invalid-input', `diskpart ${what} output has no "${first}" header followed by a dashes line`);
  }
  const spans = columnSpans(lines[header + 1]);
  if (spans.length !== columns) throw malformed(what, header + 2, lines[header + 1], `expected ${columns} columns, found ${spans.length}`);
  const rows = [];
  for (let i = header + 2; i < lines.length && lines[i].trim() !== ''; i++) {
    rows.push({ cells: spans.map(([s, e]) => lines[i].slice(s, e).trim()), lineNumber: i + 1, line: lines[i] });
  }
  return rows;
}

/** `476 GB` -> bytes (binary units). @throws TaskseqError('invalid-input') naming the line */
export function parseSize(text: string, what: string, lineNumber: number, line: string): number {
  const m = /^(\d+)\s*(B|KB|MB|GB|TB|PB)$/.exec(text);
  if (!m) throw malformed(what, lineNumber, line, `"${text}" is not a size like 476 GB`);
  return Number(m[1]) * UNITS[m[2]];
}

/**
 * Parses `list disk`. A leading `*` (the selected disk) is ignored.
 * @throws TaskseqError('invalid-input') naming the line when the table or a row is malformed.
 */
export function parseListDisk(text: string): ListedDisk[] {
  return tableRows(text, 'list disk', 'Disk ###', 6).map(({ cells, lineNumber, line }) => {
    const [name, status, size, free, dyn, gpt] = cells;
    const m = /^\*?\s*Disk (\d+)$/.exec(name);
    if (!m) throw malformed('list disk', lineNumber, line, 'expected "Disk <number>" in the first column');
    return {
      index: Number(m[1]),
      status,
      sizeBytes: parseSize(size, 'list disk', lineNumber, line),
      freeBytes: parseSize(free, 'list disk', lineNumber, line),
      dynamic: dyn === '*',
      gpt: gpt === '*',
    };
  });
}

/**
 * Parses `list volume`. Letters come back as `C:`.
 * @throws TaskseqError('invalid-input') naming the line when the table or a row is malformed.
 */
export function parseListVolume(text: string): ListedVolume[] {
  return tableRows(text, 'list volume', 'Volume ###', 8).map(({ cells, lineNumber, line }) => {
    const [name, ltr, label, fileSystem, type, size, status, info] = cells;
    const m = /^\*?\s*Volume (\d+)$/.exec(name);
    if (!m) throw malformed('list volume', lineNumber, line, 'expected "Volume <number>" in the first column');
    if (ltr !== '' && !/^[A-Za-z]$/.test(ltr)) throw malformed('list volume', lineNumber, line, `"${ltr}" is not a drive letter`);
    return {
      index: Number(m[1]),
      ...(ltr ? { letter: `${ltr.toUpperCase()}:` } : {}),
      label,
      fileSystem,
      type,
      sizeBytes: parseSize(size, 'list volume', lineNumber, line),
      status,
      info,
    };
  });
}
