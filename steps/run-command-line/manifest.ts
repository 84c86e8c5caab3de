/** Run Command Line's facts: the types it runs (its own, untyped MDT steps, MDT script steps) and its options. */
import { defineManifest, type StepTypeEntry } from '../../engine/step-api.ts';
import { runAsSettings } from '../shared/command/run-as.ts';
import { RUN_COMMAND_LINE_TYPE } from './plan.ts';

/** MDT step types that MDT runs as a script call: their `<action>` is the command (reference §2.11). */
const MDT_SCRIPT_STEPS: readonly StepTypeEntry[] = [
  ['BDD_Gather', 'Gather'],
  ['BDD_Validate', 'Validate'],
  ['BDD_InstallApplication', 'Install Application'],
  ['BDD_RunPowerShellAction', 'Run PowerShell Script'],
  ['BDD_InstallUpdatesOffline', 'Install Updates Offline'],
  ['BDD_InstallRoles', 'Install Roles and Features'],
  ['BDD_UninstallRoles', 'Uninstall Roles and Features'],
  ['BDD_ConfigureADDS', 'Configure ADDS'],
  ['BDD_ConfigureDNS', 'Configure DNS'],
  ['BDD_ConfigureDHCP', 'Configure DHCP'],
  ['BDD_EnableBDE', 'Enable BitLocker'],
  ['BDD_InstallLanguagePacksOffline', 'Install Language Packs Offline', 'WinPE'],
  ['BDD_InstallLanguagePacksOnline', 'Install Language Packs Online', 'FullOS'],
  ['BDD_ExecuteRunbook', 'Execute Orchestrator Runbook'],
  ['BDD_UsePackage', 'Use Toolkit Package'],
  ['BDD_RecoverDomainJoin', 'Recover From Domain'],
].map(([type, displayName, defaultRunIn]) => ({ type, displayName, defaultRunIn: (defaultRunIn ?? 'WinPEandFullOS') as StepTypeEntry['defaultRunIn'] }));

/** The MDT script step types (their options stay variables for the script). */
export const MDT_SCRIPT_TYPES: readonly string[] = MDT_SCRIPT_STEPS.map((s) => s.type);

export const runCommandLineManifest = defineManifest({
  types: [
    { type: RUN_COMMAND_LINE_TYPE, displayName: 'Run Command Line', defaultRunIn: 'WinPEandFullOS' },
    { type: '', displayName: 'MDT step without a type', defaultRunIn: 'WinPEandFullOS' },
    ...MDT_SCRIPT_STEPS,
  ],
  options: [
    { kind: 'text', name: 'CommandLine', variable: 'CommandLine', maxLength: 32000, description: 'the command, `%VAR%`-expanded; secrecy of expanded values is kept' },
    { kind: 'text', name: 'PackageID', variable: 'PackageID', description: 'content package; its local folder is the working folder (Run Command Line and untyped steps only)' },
    { kind: 'text', name: 'WorkingDirectory', variable: 'WorkingDirectory', description: "working folder (expanded); MDT's `startIn` attribute otherwise" },
    { kind: 'text', name: 'OutputVariableName', variable: 'SMSTSRunCommandLineOutputVariableName', fallback: true, description: 'receives the last 1000 characters of output' },
    { kind: 'flag', name: 'DisableWow64Redirection', variable: 'SMSTSDisableWow64Redirection', fallback: true, lenient: true, default: false, description: 'passed to the backend' },
    { kind: 'flag', name: 'RunAsUser', variable: '_SMSTSRunCommandLineAsUser', lenient: true, default: false, description: 'run as another account (also `SMSTSRunCommandLineAsUser`)' },
    { kind: 'text', name: 'UserName', variable: 'SMSTSRunCommandLineUserName', fallback: true, description: 'account (also the property `SMSTSRunCommandLineUserName`)' },
    { kind: 'secret', name: 'UserPassword', variable: 'SMSTSRunCommandLineUserPassword', fallback: true, description: 'password (also the property `SMSTSRunCommandLineUserPassword`)' },
  ],
});

/** Where Run Command Line keeps its run-as settings (the options above, then the documented variables). */
export const RUN_COMMAND_LINE_RUN_AS = runAsSettings('RunCommandLine');
