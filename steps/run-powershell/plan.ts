/** What Run PowerShell Script runs: the script, the execution policy and the rendered command line (pure). */
import { decodeSourceScript } from './source-script.ts';
import { renderInlineScriptPath } from './script-file-name.ts';

export const RUN_POWERSHELL_TYPE = 'SMS_TaskSequence_RunPowerShellScriptAction';

/** The execution policies the step offers (documented). */
export const EXECUTION_POLICIES = ['AllSigned', 'Undefined', 'Bypass'] as const;
export type ExecutionPolicy = (typeof EXECUTION_POLICIES)[number];
/** Used when the step carries no policy: the strictest offered one. */
export const DEFAULT_EXECUTION_POLICY: ExecutionPolicy = 'AllSigned';

/** The canonical policy for `value` (any letter case), the default when absent, or undefined when not offered. */
export function parseExecutionPolicy(value: string | undefined): ExecutionPolicy | undefined {
  if (value === undefined || value.trim() === '') return DEFAULT_EXECUTION_POLICY;
  const v = value.trim().toLowerCase();
  return EXECUTION_POLICIES.find((p) => p.toLowerCase() === v);
}

export type ScriptSource =
  | { kind: 'inline'; source: string; path: string }
  | { kind: 'package'; packageId: string; scriptName: string };

export interface ScriptOptions {
  sourceScript?: string;
  packageId?: string;
  scriptName?: string;
}

/** Inline script when `SourceScript` is set, else `ScriptName` from package `PackageID`; an error text otherwise. */
export function planScriptSource(options: ScriptOptions): ScriptSource | { error: string } {
  if (options.sourceScript) {
    const decoded = decodeSourceScript(options.sourceScript);
    if ('error' in decoded) return decoded;
    return { kind: 'inline', source: decoded.text, path: renderInlineScriptPath(decoded.text) };
  }
  if (!options.scriptName) return { error: 'no script: set SourceScript, or PackageID and ScriptName' };
  if (!options.packageId) return { error: `script ${options.scriptName} has no PackageID to run it from` };
  return { kind: 'package', packageId: options.packageId, scriptName: options.scriptName };
}

/** `<folder>\<file>` with exactly one backslash between them. */
export function joinWindowsPath(folder: string, file: string): string {
  return `${folder.replace(/[\\/]+$/, '')}\\${file.replace(/^[\\/]+/, '')}`;
}

/** The line the Windows agent runs: `PowerShell.exe -NoLogo ... -ExecutionPolicy <policy> -File "<path>" [params]`. */
export function renderPowerShellCommandLine(policy: ExecutionPolicy, scriptPath: string, parameters?: string): string {
  const base = `PowerShell.exe -NoLogo -NonInteractive -NoProfile -ExecutionPolicy ${policy} -File "${scriptPath}"`;
  return parameters ? `${base} ${parameters}` : base;
}
