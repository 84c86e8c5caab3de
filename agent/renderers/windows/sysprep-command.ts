/**
 * What the Windows backend runs for Prepare Windows for Capture (pure): Sysprep's argument list, and, when the
 * activation is kept, the small answer file Sysprep reads for its generalize pass (`SkipRearm`). Sysprep is told to
 * quit rather than restart so that the engine restarts into Windows PE itself after writing its journal.
 */
import { RESUME_HOOK_MARKER, type GeneralizeRequest } from '../../../engine/index.ts';
import { checkWindowsArgValue } from './dism-command.ts';

export interface SysprepPlan {
  argv: string[];
  /** The answer file to write at `answerFilePath` before running Sysprep, when there is one. */
  answerFile?: { path: string; content: string };
}

const PROCESSOR: Record<string, string> = { x64: 'amd64', x86: 'x86', arm64: 'arm64' };

/** The generalize-pass answer file that keeps the activation state (`SkipRearm` = 1). */
export function renderKeepActivationAnswerFile(architecture: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<unattend xmlns="urn:schemas-microsoft-com:unattend">',
    '  <settings pass="generalize">',
    `    <component name="Microsoft-Windows-Security-SPP" processorArchitecture="${PROCESSOR[architecture] ?? 'amd64'}" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">`,
    '      <SkipRearm>1</SkipRearm>',
    '    </component>',
    '  </settings>',
    '</unattend>',
    '',
  ].join('\r\n');
}

/**
 * `<windir>\System32\Sysprep\sysprep.exe /generalize /oobe /quiet /quit [/unattend:<file>]`.
 * @throws TaskseqError('invalid-input') for a Windows folder with a double quote or line break
 */
export function renderSysprep(request: GeneralizeRequest & { windowsDir: string; architecture: string }): SysprepPlan {
  const windir = checkWindowsArgValue('sysprep', 'Windows folder', request.windowsDir).replace(/\\+$/, '');
  const argv = [`${windir}\\System32\\Sysprep\\sysprep.exe`, '/generalize', '/oobe', '/quiet', '/quit'];
  if (!request.keepActivation) return { argv };
  const path = `${windir}\\Temp\\taskseq-sysprep-unattend.xml`;
  argv.push(`/unattend:${path}`);
  return { argv, answerFile: { path, content: renderKeepActivationAnswerFile(request.architecture) } };
}

/**
 * The `SetupComplete.cmd` that resumes the task sequence when Windows Setup finishes: it starts the runner from the
 * task sequence's folder on the system drive with the same sequence and state folder.
 */
export function renderResumeHook(r: { runner: string; sequence: string; stateDir: string }): string {
  const runner = checkWindowsArgValue('SetupComplete.cmd', 'runner', r.runner);
  const sequence = checkWindowsArgValue('SetupComplete.cmd', 'sequence', r.sequence);
  const state = checkWindowsArgValue('SetupComplete.cmd', 'state folder', r.stateDir);
  return ['@echo off', RESUME_HOOK_MARKER, `"${runner}" run "${sequence}" --state-dir "${state}"`, ''].join('\r\n');
}
