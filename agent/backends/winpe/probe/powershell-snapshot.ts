/**
 * The WMI snapshot read by one PowerShell process: its script (on standard input) reads each class with
 * `Get-CimInstance` and prints one JSON document, `{"classes":{"<class>":[{...}]},"errors":{"<class>":"<message>"},
 * "firmwareType":...,"secureBoot":...}`. Each row is the instance's own properties (`CimInstanceProperties`), date
 * and time values in the CIM form WQL compares, in UTC (`20241112091400.000000+000`).
 */
import { TaskseqError } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { SNAPSHOT_CLASSES, toWmiRow, type WmiSnapshot } from './wmi-snapshot.ts';

/** How PowerShell is started: no profile, no prompts, the script from standard input. */
export const POWERSHELL_ARGV: readonly string[] = ['powershell.exe', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-'];

/** How long the snapshot may take (WMI in Windows PE starts its service on the first query). */
export const SNAPSHOT_TIMEOUT_MS = 120_000;

/**
 * The script. PowerShell reads a script from standard input a line at a time and runs each line as it comes, so
 * every line is a whole statement. Characters outside ASCII are written as `\uXXXX` escapes: the output then reads
 * the same in any console code page.
 */
export function snapshotScript(classes: readonly string[] = SNAPSHOT_CLASSES): string {
  const names = classes.map((c) => `'${c}'`).join(', ');
  return [
    "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'",
    '$classes = [ordered]@{}; $errors = [ordered]@{}',
    `foreach ($name in @(${names})) { try { $classes[$name] = @(Get-CimInstance -Namespace 'root/cimv2' -ClassName $name | ForEach-Object { $row = [ordered]@{}; foreach ($p in $_.CimInstanceProperties) { $v = $p.Value; if ($v -is [datetime]) { $v = $v.ToUniversalTime().ToString('yyyyMMddHHmmss.ffffff') + '+000' }; $row[$p.Name] = $v }; $row }) } catch { $errors[$name] = $_.Exception.Message } }`,
    '$secureBoot = $null; if (Get-Command Confirm-SecureBootUEFI -ErrorAction SilentlyContinue) { try { $secureBoot = [bool](Confirm-SecureBootUEFI) } catch { $secureBoot = $null } }',
    '$json = ConvertTo-Json -InputObject ([ordered]@{ classes = $classes; errors = $errors; firmwareType = $env:firmware_type; secureBoot = $secureBoot }) -Depth 4 -Compress',
    "[regex]::Replace($json, '[^\\x00-\\x7F]', { param($m) '\\u{0:x4}' -f [int][char]$m.Value })",
    '',
  ].join('\r\n');
}

function commandLine(): string {
  return `${POWERSHELL_ARGV.join(' ')} (the WMI snapshot script on standard input)`;
}

function refuse(why: string, cause?: unknown): TaskseqError {
  return new TaskseqError('unsupported', `cannot read this machine's WMI facts: ${commandLine()} ${why}`, cause === undefined ? undefined : { cause });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One class's answer: a list of rows, one row (PowerShell unwraps a one-element list in places), or nothing. */
function rowsOf(value: unknown, name: string) {
  const list = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (!list.every(isObject)) throw refuse(`printed a JSON document whose class ${name} is not a list of objects`);
  return list.map(toWmiRow);
}

/**
 * The snapshot in PowerShell's output: the last line that starts with `{`.
 * @throws TaskseqError('unsupported') naming the command when the output holds no such document or it is malformed
 */
export function parseSnapshotJson(stdout: string): WmiSnapshot {
  const line = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('{')).at(-1);
  if (line === undefined) throw refuse('printed no JSON document');
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch (e) {
    throw refuse(`printed malformed JSON (${(e as Error).message})`, e);
  }
  if (!isObject(doc) || !isObject(doc.classes)) throw refuse('printed a JSON document without "classes"');
  const snapshot: WmiSnapshot = { classes: new Map(), failures: new Map(), command: commandLine() };
  for (const [name, value] of Object.entries(doc.classes)) snapshot.classes.set(name.toLowerCase(), rowsOf(value, name));
  for (const [name, message] of Object.entries(isObject(doc.errors) ? doc.errors : {})) {
    snapshot.failures.set(name.toLowerCase(), String(message));
  }
  if (typeof doc.firmwareType === 'string' && doc.firmwareType !== '') snapshot.firmwareType = doc.firmwareType;
  if (typeof doc.secureBoot === 'boolean') snapshot.secureBoot = doc.secureBoot;
  return snapshot;
}

/**
 * Runs the script and reads its document.
 * @throws TaskseqError `tool-missing` from the runner when PowerShell is not there (the caller falls back to
 *   wmic); `unsupported` naming the command when it fails, is ended, or prints no usable document
 */
export async function readPowerShellSnapshot(run: RunProcess): Promise<WmiSnapshot> {
  const r = await run({ argv: POWERSHELL_ARGV, input: snapshotScript(), timeoutMs: SNAPSHOT_TIMEOUT_MS });
  if (r.killed) throw refuse(`did not finish within ${SNAPSHOT_TIMEOUT_MS / 1000} s`);
  if (r.exitCode !== 0) {
    const said = [r.stderr, r.stdout].flatMap((t) => t.split(/\r?\n/)).map((l) => l.trim()).find(Boolean) ?? 'no output';
    throw refuse(`exited with ${r.exitCode}: ${said}`);
  }
  return parseSnapshotJson(r.stdout);
}
