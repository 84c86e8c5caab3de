/** Reading properties of snapshot rows by name in any case, as WMI matches them. */
import type { WmiRow } from '../../../../engine/index.ts';
import type { WmiSnapshot } from './wmi-snapshot.ts';

/** The rows of a class (any case); none when the snapshot lacks it. */
export function rowsOf(snapshot: WmiSnapshot, className: string): WmiRow[] {
  return snapshot.classes.get(className.toLowerCase()) ?? [];
}

/** The first row of a class, if any. */
export function firstRow(snapshot: WmiSnapshot, className: string): WmiRow | undefined {
  return rowsOf(snapshot, className)[0];
}

/** A property of a row, its name matched in any case. */
export function property(row: WmiRow | undefined, name: string): WmiRow[string] | undefined {
  if (!row) return undefined;
  if (name in row) return row[name];
  const lower = name.toLowerCase();
  const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : row[key];
}

/** A property as text ('' when null or absent). */
export function text(row: WmiRow | undefined, name: string): string {
  const v = property(row, name);
  return v === null || v === undefined || Array.isArray(v) ? '' : String(v).trim();
}

/** A property as a number (0 when absent or not numeric). */
export function number(row: WmiRow | undefined, name: string): number {
  const v = Number(property(row, name));
  return Number.isFinite(v) ? v : 0;
}

/** A property as a list of strings (empty when null or absent). */
export function list(row: WmiRow | undefined, name: string): string[] {
  const v = property(row, name);
  return Array.isArray(v) ? v.map(String) : v === null || v === undefined || v === '' ? [] : [String(v)];
}
