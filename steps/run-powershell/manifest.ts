/** Run PowerShell Script's facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';
import { runAsSettings } from '../shared/command/run-as.ts';
import { RUN_POWERSHELL_TYPE } from './plan.ts';

export const runPowerShellManifest = defineManifest({
  types: [{ type: RUN_POWERSHELL_TYPE, displayName: 'Run PowerShell Script', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'text', name: 'SourceScript', variable: 'OSDRunPowerShellScriptSourceScript', description: 'inline script: Base64 of UTF-16LE text with a BOM' },
    { kind: 'text', name: 'PackageID', variable: 'OSDRunPowerShellScriptPackageID', description: 'package holding the script `ScriptName` (needed only without `SourceScript`)' },
    { kind: 'text', name: 'ScriptName', variable: 'OSDRunPowerShellScriptScriptName', description: 'the script in `PackageID`' },
    { kind: 'text', name: 'Parameters', variable: 'OSDRunPowerShellScriptParameters', description: 'expanded; logged only with `OSDLogPowerShellParameters=TRUE`' },
    { kind: 'text', name: 'ExecutionPolicy', variable: 'OSDRunPowerShellScriptExecutionPolicy', description: '`AllSigned` (when absent), `Undefined` or `Bypass` (any case)' },
    { kind: 'text', name: 'OutputVariableName', variable: 'OSDRunPowerShellScriptOutputVariableName', fallback: true, description: 'last 1000 characters of output' },
    { kind: 'text', name: 'WorkingDirectory', variable: 'SMSTSRunPowerShellWorkingDirectory', fallback: true, description: 'working folder' },
    { kind: 'flag', name: 'RunAsUser', variable: '_SMSTSRunPowerShellAsUser', lenient: true, default: false, description: 'run as another account (also `SMSTSRunPowerShellAsUser`), as for Run Command Line' },
    { kind: 'text', name: 'UserName', variable: 'SMSTSRunPowerShellUserName', fallback: true, description: 'account' },
    { kind: 'secret', name: 'UserPassword', variable: 'SMSTSRunPowerShellUserPassword', fallback: true, description: 'password' },
  ],
});

/** Where Run PowerShell Script keeps its run-as settings (the options above, then the documented variables). */
export const RUN_POWERSHELL_RUN_AS = runAsSettings('RunPowerShell');
