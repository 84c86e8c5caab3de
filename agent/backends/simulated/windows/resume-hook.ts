/**
 * The resume hook: the `SetupComplete.cmd` that Setup Windows and ConfigMgr puts into the applied Windows so that the
 * task sequence starts again when Windows Setup finishes. Windows Setup runs that one file at the end; a different
 * file of the same name, or an OEM product key (which makes Setup skip the file on editions other than Enterprise
 * and Server), leaves the sequence stopped.
 */
import type { WindowsIdentity, WindowsState } from './windows-state.ts';

export const SETUP_COMPLETE_PATH = 'Windows\\Setup\\Scripts\\SetupComplete.cmd';
/** The line that marks the file as the engine's hook. */
export const RESUME_HOOK_MARKER = 'rem taskseq resume hook';

/** The hook's text on the simulated machine (the Windows backend renders the real script). */
export function resumeHookText(): string {
  return `@echo off\r\n${RESUME_HOOK_MARKER}\r\n"%SystemDrive%\\_SMSTaskSequence\\taskseq.cmd" resume\r\n`;
}

export function isResumeHook(text: string): boolean {
  return text.includes(RESUME_HOOK_MARKER);
}

/** True when Setup skips SetupComplete.cmd: an OEM key on an edition other than Enterprise or Server. */
export function oemKeySkipsSetupComplete(identity: WindowsIdentity, channel: WindowsState['productKeyChannel']): boolean {
  if (channel !== 'OEM') return false;
  const edition = identity.editionId ?? identity.caption;
  return identity.productType === 1 && !/enterprise/i.test(edition);
}
