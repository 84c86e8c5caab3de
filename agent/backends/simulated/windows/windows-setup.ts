/**
 * The simulated Windows Setup: what happens at the first boot of a generalized Windows. It applies the answer file
 * (`Windows\Panther\unattend.xml`) to the installation's settings, installs a staged ConfigMgr client, masks the
 * passwords in the answer file, and runs SetupComplete.cmd, which must be the engine's resume hook: otherwise the
 * sequence would never continue, and the restart is refused with the reason.
 */
import { createHash } from 'node:crypto';
import { ANSWER_FILE_PATH, resumeProblem, SETUP_COMPLETE_PATH, TaskseqError } from '../../../../engine/index.ts';
import { lookupTimeZone } from '../profile/time-zones.ts';
import { maskAnswerFilePasswords, readAnswerFileSettings, type AnswerFileSettings } from './answer-file-settings.ts';
import { clientFiles } from './configmgr-client.ts';
import { isResumeHook } from './resume-hook.ts';
import type { WindowsState } from './windows-state.ts';


/** File access inside the installation's volume. */
export interface SetupVolume {
  /** `C:` for messages. */
  name: string;
  readFile(path: string): string | undefined;
  writeFile(path: string, content: string): void;
}

/** Windows' own generated names are random; the simulation derives one from the serial number so runs repeat. */
export function generatedComputerName(serialNumber: string): string {
  return `DESKTOP-${createHash('sha256').update(serialNumber).digest('hex').slice(0, 7).toUpperCase()}`;
}

/**
 * Why the sequence would not resume after Setup, or undefined when the hook will run.
 */
export function resumeBlocker(state: WindowsState, volume: SetupVolume): string | undefined {
  const hook = volume.readFile(SETUP_COMPLETE_PATH);
  const where = `${volume.name}\\${SETUP_COMPLETE_PATH}`;
  if (hook === undefined) {
    return `Windows Setup on ${volume.name} has no ${where} to start the task sequence again; run Setup Windows and ConfigMgr before restarting into a newly applied or generalized Windows`;
  }
  const { caption, editionId, productType } = state.identity;
  return resumeProblem({
    drive: volume.name, caption, ...(editionId ? { editionId } : {}), productType,
    oemProductKey: state.productKeyChannel === 'OEM', setupComplete: isResumeHook(hook) ? 'resume-hook' : 'custom',
  });
}

function applyJoin(state: WindowsState, join: AnswerFileSettings['join'], log: string[]): void {
  if (!join) return;
  if ('workgroup' in join) {
    state.membership = { kind: 'workgroup', name: join.workgroup };
    log.push(`joined workgroup ${join.workgroup}`);
  } else if (join.hasCredentials) {
    state.membership = { kind: 'domain', name: join.domain, ...(join.ou ? { ou: join.ou } : {}) };
    log.push(`joined domain ${join.domain}${join.ou ? ` in ${join.ou}` : ''}`);
  } else {
    // Setup goes on when the join fails; the machine stays in its workgroup.
    log.push(`could not join domain ${join.domain}: the answer file has no join account; staying in workgroup ${state.membership.name}`);
  }
}

function applySettings(state: WindowsState, s: AnswerFileSettings, serial: string, log: string[]): void {
  const name = !s.computerName || s.computerName === '*' ? generatedComputerName(serial) : s.computerName;
  state.computerName = name.toUpperCase();
  log.push(`computer name ${state.computerName}`);
  if (s.registeredOwner) state.registeredOwner = s.registeredOwner;
  if (s.registeredOrganization) state.registeredOrganization = s.registeredOrganization;
  if (s.timeZone) {
    if (lookupTimeZone(s.timeZone)) state.timeZone = s.timeZone;
    else log.push(`time zone "${s.timeZone}" is unknown; keeping ${state.timeZone}`);
  }
  for (const k of ['inputLocale', 'systemLocale', 'uiLanguage', 'userLocale'] as const) if (s[k]) state.locale[k] = s[k];
  state.administratorEnabled = s.administratorPassword;
  log.push(`Administrator account ${s.administratorPassword ? 'enabled' : 'disabled'}`);
  applyJoin(state, s.join, log);
}

/**
 * Runs Setup on a generalized installation, changing `state` in place; a specialized one is left alone.
 * Returns what Setup did (one line per change).
 * @throws TaskseqError('unsupported') when the sequence would not resume after Setup (nothing changes then)
 */
export function runWindowsSetup(state: WindowsState, volume: SetupVolume, serialNumber: string): string[] {
  if (state.phase !== 'generalized') return [];
  const blocker = resumeBlocker(state, volume);
  if (blocker) throw new TaskseqError('unsupported', blocker);
  const log: string[] = [];
  const answer = volume.readFile(ANSWER_FILE_PATH);
  const settings = answer === undefined ? { administratorPassword: false } : readAnswerFileSettings(answer, `${volume.name}\\${ANSWER_FILE_PATH}`);
  if (answer === undefined) log.push('no answer file: default settings');
  applySettings(state, settings, serialNumber, log);
  if (state.configMgrClient.state === 'staged') {
    const files = clientFiles(`${serialNumber}:${state.computerName}`, state.configMgrClient.installProperties);
    for (const [path, content] of Object.entries(files)) volume.writeFile(path, content);
    state.configMgrClient.state = 'installed';
    log.push('ConfigMgr client installed (provisioning mode)');
  }
  if (answer !== undefined) volume.writeFile(ANSWER_FILE_PATH, maskAnswerFilePasswords(answer));
  state.phase = 'specialized';
  state.history.push(...log.map((l) => `setup: ${l}`));
  return log;
}
