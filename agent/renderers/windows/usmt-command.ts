/**
 * What the Windows backend runs for Capture and Restore User State (pure): ScanState's and LoadState's argument
 * lists. The encryption key and the local account password are secrets: `argv` carries them for the process, and
 * `shown` is the same list with them masked, the only form that may reach a log.
 */
import type { CaptureUserStateRequest, RestoreUserStateRequest } from '../../../engine/index.ts';
import { checkWindowsArgValue } from './dism-command.ts';
import { checkPositionalArg } from './positional-arg.ts';

export const MASK = '********';

export interface UsmtPlan {
  argv: string[];
  /** `argv` with secrets masked. */
  shown: string[];
}

/** Simple mode migrates documents and application settings with USMT's stock rule files. */
export const SIMPLE_CONFIG_FILES = ['MigDocs.xml', 'MigApp.xml'];

const tool = (folder: string, exe: string) => `${checkWindowsArgValue('USMT', 'package folder', folder).replace(/\\+$/, '')}\\${exe}`;

function configArgs(r: CaptureUserStateRequest | RestoreUserStateRequest): string[] {
  const files = r.mode === 'Simple' ? SIMPLE_CONFIG_FILES : r.configFiles;
  return files.map((f) => `/i:${r.toolFolder.replace(/\\+$/, '')}\\${checkWindowsArgValue('USMT', 'config file', f)}`);
}

/** Additional options as the administrator wrote them, split at spaces outside double quotes. */
export function splitOptions(text: string | undefined): string[] {
  return (text ?? '').match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

function build(parts: Array<string | [real: string, shown: string]>): UsmtPlan {
  return {
    argv: parts.map((p) => (typeof p === 'string' ? p : p[0])),
    shown: parts.map((p) => (typeof p === 'string' ? p : p[1])),
  };
}

/**
 * `scanstate.exe <store> /o /i:... [/offlineWinDir:<dir>] [/hardlink /nocompress | /encrypt:AES_256 /key:<key>]
 * [/efs:skip|/efs:hardlink] [/c] /localonly /v:<n> /l:<log> [additional options]`.
 * @throws TaskseqError('invalid-input') for values a command line cannot carry, or a store path beginning with `/` or `-`
 */
export function renderScanState(r: CaptureUserStateRequest): UsmtPlan {
  const parts: Array<string | [string, string]> = [tool(r.toolFolder, 'scanstate.exe'), checkPositionalArg('scanstate', 'store path (OSDStateStorePath)', r.storePath), '/o', ...configArgs(r)];
  if (r.offlineWindowsDirectory) parts.push(`/offlineWinDir:${checkWindowsArgValue('scanstate', 'offline Windows folder', r.offlineWindowsDirectory)}`);
  if (r.hardLink) parts.push('/hardlink', '/nocompress');
  else if (r.encryptionKey) parts.push('/encrypt:AES_256', [`/key:${checkWindowsArgValue('scanstate', 'encryption key', r.encryptionKey)}`, `/key:${MASK}`]);
  if (r.skipEncryptedFiles) parts.push('/efs:skip');
  else if (r.hardLink) parts.push('/efs:hardlink');
  if (r.continueOnLockedFiles) parts.push('/c');
  parts.push('/localonly', `/v:${r.verbose ? 13 : 5}`, `/l:${checkWindowsArgValue('scanstate', 'log file', r.logFile)}`, ...splitOptions(r.additionalOptions));
  return build(parts);
}

/**
 * `loadstate.exe <store> /i:... [/hardlink /nocompress | /decrypt:AES_256 /key:<key>] [/c] [/lac:<password> /lae]
 * /v:<n> /l:<log> [additional options]`.
 * @throws TaskseqError('invalid-input') for values a command line cannot carry, or a store path beginning with `/` or `-`
 */
export function renderLoadState(r: RestoreUserStateRequest): UsmtPlan {
  const parts: Array<string | [string, string]> = [tool(r.toolFolder, 'loadstate.exe'), checkPositionalArg('loadstate', 'store path (OSDStateStorePath)', r.storePath), ...configArgs(r)];
  if (r.hardLink) parts.push('/hardlink', '/nocompress');
  else if (r.encryptionKey) parts.push('/decrypt:AES_256', [`/key:${checkWindowsArgValue('loadstate', 'encryption key', r.encryptionKey)}`, `/key:${MASK}`]);
  if (r.continueOnError) parts.push('/c');
  if (r.localAccountPassword !== undefined) parts.push([`/lac:${checkWindowsArgValue('loadstate', 'local account password', r.localAccountPassword)}`, `/lac:${MASK}`], '/lae');
  parts.push(`/v:${r.verbose ? 13 : 5}`, `/l:${checkWindowsArgValue('loadstate', 'log file', r.logFile)}`, ...splitOptions(r.additionalOptions));
  return build(parts);
}
