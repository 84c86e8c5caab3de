/**
 * Finds the program of an argv on Windows before it starts, so that a missing one is named with the Windows
 * component that brings it (a Windows PE optional component, the ADK), as `taskseq doctor` lists them.
 */
import { win32 } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import { REQUIRED_TOOLS } from '../../../doctor/required-tools.ts';
import { environmentValue, inWindowsFolder, type WindowsHost } from './windows-host.ts';

/**
 * Extensions tried for a name without one, in the order Windows tries them. Batch files are not among them: they
 * run through `cmd.exe` with its own quoting rules, so a batch file is run as a command line (`line`).
 */
const PROGRAM_EXTENSIONS = ['.com', '.exe'];

/** Where programs are looked for: the PATH, then the system folder (a PATH without it still finds `reg`). */
export function programFolders(host: WindowsHost): string[] {
  const path = (environmentValue(host.env, 'PATH') ?? '').split(';').map((d) => d.trim()).filter(Boolean);
  const system32 = win32.dirname(inWindowsFolder(host, 'System32', 'x'));
  return path.some((d) => d.toLowerCase() === system32.toLowerCase()) ? path : [...path, system32];
}

/**
 * The full path to start for `program`: as given when it names a folder (`C:\x\tool.exe`, `.\tool`), else the first
 * match in {@link programFolders}; a name without an extension is tried as `.com`, then `.exe`.
 * @throws TaskseqError `tool-missing` naming the program and the component that brings it
 */
export function findWindowsProgram(program: string, host: WindowsHost): string {
  const found = lookUp(program, host);
  if (found) return found;
  const where = hasFolder(program) ? `${program} does not exist` : `${program} was not found on the PATH (${programFolders(host).join(';')})`;
  throw windowsToolMissing(program, where);
}

/** The path `program` would start from, or undefined when there is none. */
export function lookUp(program: string, host: WindowsHost, firstFolders: readonly string[] = []): string | undefined {
  const names = win32.extname(program) ? [program] : PROGRAM_EXTENSIONS.map((ext) => program + ext);
  const folders = hasFolder(program) ? [''] : [...firstFolders, ...programFolders(host)];
  for (const folder of folders) {
    for (const name of names) {
      const candidate = folder ? win32.join(folder, name) : name;
      if (host.isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The doctor's entry for a Windows program (`PowerShell.exe` and `powershell` are the same one), if it lists it. */
export function knownWindowsTool(program: string) {
  const name = win32.basename(program).toLowerCase().replace(/\.(exe|com)$/, '');
  return REQUIRED_TOOLS.find((t) => t.platform === 'win32' && t.command.toLowerCase() === name);
}

/** The error for a Windows program that cannot start, naming the component that brings it when the doctor lists it. */
export function windowsToolMissing(program: string, why: string): TaskseqError {
  const tool = knownWindowsTool(program);
  const fix = tool
    ? `it comes with ${tool.packageName} (taskseq doctor lists every tool taskseq needs)`
    : 'taskseq doctor does not list it, so no component is known for it';
  return new TaskseqError('tool-missing', `${why}: ${fix}`);
}

function hasFolder(program: string): boolean {
  return /[\\/]/.test(program) || /^[A-Za-z]:/.test(program);
}
