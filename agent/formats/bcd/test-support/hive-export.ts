/**
 * Reads a hive back through the registry-hive tools (`hivexregedit --export`, `hivexget`), for tests that check what
 * the writer wrote with a reader that is not ours.
 */
import { execFileSync, spawnSync } from 'node:child_process';

/** One exported value: its registry type and bytes. */
export interface ExportedValue {
  type: number;
  bytes: Buffer;
}

/** Key path (`\Objects\{..}\Elements\11000001`, as exported) -> value name (`@` for the default) -> value. */
export type HiveExport = Map<string, Map<string, ExportedValue>>;

/** True when `hivexregedit` and `hivexget` run here. */
export function hiveToolsAvailable(): boolean {
  return spawnSync('hivexregedit', ['--help']).error === undefined && spawnSync('hivexget', []).error === undefined;
}

const REG_SZ = 1;
const REG_DWORD = 4;

function parseData(text: string): ExportedValue {
  const dword = /^dword:([0-9a-f]{8})$/i.exec(text);
  if (dword) {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(parseInt(dword[1], 16));
    return { type: REG_DWORD, bytes };
  }
  const hex = /^hex(?:\(([0-9a-f]+)\))?:(.*)$/i.exec(text);
  if (hex) {
    const body = hex[2].replace(/[\s\\]/g, '');
    return { type: hex[1] === undefined ? 3 : parseInt(hex[1], 16), bytes: Buffer.from(body === '' ? [] : body.split(',').map((h) => parseInt(h, 16))) };
  }
  const str = /^"(.*)"$/.exec(text);
  if (str) return { type: REG_SZ, bytes: Buffer.from(`${str[1].replace(/\\(.)/g, '$1')}\0`, 'utf16le') };
  throw new Error(`cannot read the exported value ${text}`);
}

/** Parses `hivexregedit --export` text (continuation lines joined). */
export function parseHiveExport(text: string): HiveExport {
  const out: HiveExport = new Map();
  let current: Map<string, ExportedValue> | undefined;
  const lines = text.replace(/\\\r?\n\s*/g, '').split(/\r?\n/);
  for (const line of lines) {
    const key = /^\[(.*)\]$/.exec(line);
    if (key) {
      current = new Map();
      out.set(key[1], current);
      continue;
    }
    const value = /^(?:"((?:[^"\\]|\\.)*)"|(@))=(.*)$/.exec(line);
    if (value && current) current.set(value[2] ?? value[1], parseData(value[3]));
  }
  return out;
}

/** The whole hive at `file`, exported from its root. */
export function exportHive(file: string): HiveExport {
  return parseHiveExport(execFileSync('hivexregedit', ['--export', file, '\\'], { encoding: 'utf8' }));
}

/** One value as `hivexget` prints it (strings as text, numbers in decimal). */
export function hivexget(file: string, key: string, value: string): string {
  return execFileSync('hivexget', [file, key, value], { encoding: 'utf8' }).trim();
}

/** A REG_SZ value's text. */
export function stringOf(value: ExportedValue | undefined): string | undefined {
  return value?.bytes.toString('utf16le').replace(/\0+$/, '');
}
