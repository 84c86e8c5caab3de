/** ConfigMgr-style log rollover: the full log is renamed `<stem>-YYYYMMDD-HHMMSS<ext>` and only N of those are kept. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pad, toLocalParts } from './local-time.ts';

/** A rolled-over history file of a log. */
export interface HistoryFile {
  name: string;
  /** `YYYYMMDD-HHMMSS` from the name. */
  stamp: string;
  /** Clash counter: 0 for the plain name, n for `-n`. */
  counter: number;
}

function splitName(fileName: string): { stem: string; ext: string } {
  const ext = path.extname(fileName);
  return { stem: fileName.slice(0, fileName.length - ext.length), ext };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Renders `YYYYMMDD-HHMMSS` for the local time of the zone given by `biasMinutes` (minutes west of UTC). */
export function renderRolloverStamp(ms: number, biasMinutes: number): string {
  const p = toLocalParts(ms, biasMinutes);
  return `${pad(p.year, 4)}${pad(p.month, 2)}${pad(p.day, 2)}-${pad(p.hour, 2)}${pad(p.minute, 2)}${pad(p.second, 2)}`;
}

/** Renders the history name of `fileName`: `smsts.log` -> `smsts-20191018-102134.log`, or `...-102134-2.log`. */
export function renderHistoryName(fileName: string, stamp: string, counter: number): string {
  const { stem, ext } = splitName(fileName);
  return `${stem}-${stamp}${counter > 0 ? `-${counter}` : ''}${ext}`;
}

/** Recognises the history files of `fileName` among `names`, oldest first (by the stamp in the name, then counter). */
export function parseHistoryFiles(fileName: string, names: readonly string[]): HistoryFile[] {
  const { stem, ext } = splitName(fileName);
  const re = new RegExp(`^${escapeRegExp(stem)}-(\\d{8}-\\d{6})(?:-(\\d+))?${escapeRegExp(ext)}$`);
  const found: HistoryFile[] = [];
  for (const name of names) {
    const m = re.exec(name);
    if (m) found.push({ name, stamp: m[1]!, counter: m[2] ? Number(m[2]) : 0 });
  }
  return found.sort((a, b) => (a.stamp === b.stamp ? a.counter - b.counter : a.stamp < b.stamp ? -1 : 1));
}

/**
 * Renames the (closed) log at `logPath` to a free history name stamped with `ms` (or with the newest existing stamp
 * when the clock went back), then deletes the oldest history files so that at most `maxHistory` remain.
 * Returns the new history file's name.
 * @throws the underlying fs error when the rename fails.
 */
export function rollOver(logPath: string, ms: number, biasMinutes: number, maxHistory: number): string {
  const dir = path.dirname(logPath);
  const fileName = path.basename(logPath);
  const newest = parseHistoryFiles(fileName, fs.readdirSync(dir)).at(-1);
  let stamp = renderRolloverStamp(ms, biasMinutes);
  // A clock that went back (WinPE before time sync) must not make the newest history sort first and be pruned.
  if (newest && newest.stamp > stamp) stamp = newest.stamp;
  let counter = 0;
  while (fs.existsSync(path.join(dir, renderHistoryName(fileName, stamp, counter)))) counter++;
  const target = renderHistoryName(fileName, stamp, counter);
  fs.renameSync(logPath, path.join(dir, target));
  pruneHistory(dir, fileName, maxHistory);
  return target;
}

/** Deletes the oldest history files of `fileName` in `dir` beyond `maxHistory`. */
export function pruneHistory(dir: string, fileName: string, maxHistory: number): void {
  const history = parseHistoryFiles(fileName, fs.readdirSync(dir));
  for (const old of history.slice(0, Math.max(0, history.length - maxHistory))) {
    fs.rmSync(path.join(dir, old.name), { force: true });
  }
}
