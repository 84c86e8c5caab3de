/**
 * The resume hook: the `SetupComplete.cmd` that Setup Windows and ConfigMgr puts into the applied Windows so that the
 * task sequence starts again when Windows Setup finishes. Windows Setup runs that one file at the end; a different
 * file of the same name, or an OEM product key (which makes Setup skip the file on editions other than Enterprise
 * and Server), leaves the sequence stopped.
 */
import { RESUME_HOOK_MARKER } from '../../../../engine/index.ts';

export { RESUME_HOOK_MARKER, SETUP_COMPLETE_PATH } from '../../../../engine/index.ts';

/** The hook's text on the simulated machine (the Windows backend renders the real script). */
export function resumeHookText(): string {
  return `@echo off\r\n${RESUME_HOOK_MARKER}\r\n"%SystemDrive%\\_SMSTaskSequence\\taskseq.cmd" resume\r\n`;
}

export function isResumeHook(text: string): boolean {
  return text.includes(RESUME_HOOK_MARKER);
}
