/**
 * Sysprep and client preparation on a simulated installation (pure over its state and files): what Prepare Windows
 * for Capture and Prepare ConfigMgr Client for Capture leave behind, which a captured image then carries.
 */
import { TaskseqError } from '../../../../engine/index.ts';
import { CLIENT_IDENTITY_FILE } from './configmgr-client.ts';
import type { WindowsState } from './windows-state.ts';

/**
 * Generalizes `state` in place: the computer name goes, the next boot runs Windows Setup.
 * @throws TaskseqError('unsupported') when the installation is joined to a domain (Sysprep refuses; nothing changes)
 */
export function generalize(state: WindowsState, options: { keepActivation: boolean }): void {
  if (state.membership.kind === 'domain') {
    throw new TaskseqError('unsupported', `Sysprep cannot generalize a computer joined to a domain (${state.membership.name}); join a workgroup before preparing Windows for capture`);
  }
  const name = state.computerName;
  state.phase = 'generalized';
  delete state.computerName;
  state.history.push(`sysprep: generalized ${name ?? 'the installation'}${options.keepActivation ? ', activation kept' : ''}; OOBE at the next boot`);
}

/**
 * Removes the client's identity. Returns false (and changes nothing) when no client is installed.
 * `remove` deletes a file of the installation's volume.
 */
export function prepareClient(state: WindowsState, remove: (path: string) => void): boolean {
  if (state.configMgrClient.state !== 'installed' && state.configMgrClient.state !== 'prepared') return false;
  remove(CLIENT_IDENTITY_FILE);
  state.configMgrClient = { state: 'prepared' };
  state.history.push('client: identity and certificates removed for capture');
  return true;
}
