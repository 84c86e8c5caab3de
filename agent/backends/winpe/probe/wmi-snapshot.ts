/**
 * The WMI facts of a Windows machine, read once when the backend starts (and again on `refresh()`): every class the
 * engine's WQL answers on the simulated machine, as rows, so that the probe answers WQL synchronously with the
 * engine's own evaluator over them.
 */
import type { WmiRow } from '../../../../engine/index.ts';

/** The classes a snapshot reads: those the simulated machine answers (a test keeps the two lists equal). */
export const SNAPSHOT_CLASSES: readonly string[] = [
  'Win32_ComputerSystem', 'Win32_ComputerSystemProduct', 'Win32_BIOS', 'Win32_BaseBoard', 'Win32_SystemEnclosure',
  'Win32_OperatingSystem', 'Win32_Processor', 'Win32_DiskDrive', 'Win32_LogicalDisk', 'Win32_Volume',
  'Win32_NetworkAdapterConfiguration', 'Win32_NetworkAdapter', 'Win32_Battery', 'Win32_PnPEntity',
];

/** What one read of the machine's WMI gave. */
export interface WmiSnapshot {
  /** Rows by class name in lower case. */
  classes: Map<string, WmiRow[]>;
  /** Classes that could not be read (lower case), with what Windows said. */
  failures: Map<string, string>;
  /** The `firmware_type` environment variable as PowerShell saw it (`UEFI`, `Legacy`); absent from wmic. */
  firmwareType?: string;
  /** What `Confirm-SecureBootUEFI` answered, where it could be asked. */
  secureBoot?: boolean;
  /** The command line that read it, for messages. */
  command: string;
}

type WmiValue = WmiRow[string];

/**
 * A property value as a row holds it: strings, numbers, booleans and null as they are; an array of strings or of
 * numbers as it is, any other array as strings; anything else (an embedded object) as null.
 */
export function toWmiValue(value: unknown): WmiValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (!Array.isArray(value)) return null;
  if (value.every((v) => typeof v === 'number')) return value as number[];
  if (value.every((v) => typeof v === 'string')) return value as string[];
  return value.filter((v) => v !== null && typeof v !== 'object').map(String);
}

/** A row from an object of property values. */
export function toWmiRow(properties: Record<string, unknown>): WmiRow {
  const row: WmiRow = {};
  for (const [name, value] of Object.entries(properties)) row[name] = toWmiValue(value);
  return row;
}
