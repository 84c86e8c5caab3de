/**
 * What the wipe before an image is applied must keep: the engine's working folder, the user state folder on the
 * volume, and a local user state store that would otherwise be lost.
 */
import type { StepContext } from '../../../engine/step-api.ts';

/** The engine's working folder, never wiped. */
export const TASK_SEQUENCE_FOLDER = '_SMSTaskSequence';

/** Top-level folders the wipe keeps: the engine's folder and the user state folder when it is on this volume. */
export function protectedFolders(letter: string, userStatePath: string | undefined): string[] {
  const keep = [TASK_SEQUENCE_FOLDER];
  const m = /^([A-Za-z]):[\\/]+([^\\/]+)/.exec(userStatePath?.trim() ?? '');
  if (m && `${m[1].toUpperCase()}:` === letter && m[2].toLowerCase() !== TASK_SEQUENCE_FOLDER.toLowerCase()) keep.push(m[2]);
  return keep;
}

/**
 * Why a local user state store would be lost by wiping `letter`: `OSDStateStorePath` names a folder on that volume
 * that exists and is outside every kept folder. Undefined when the store is safe (or there is none).
 */
export function storeWipeProblem(ctx: StepContext, letter: string, keep: readonly string[]): string | undefined {
  const store = ctx.vars.get('OSDStateStorePath')?.trim() ?? '';
  const m = /^([A-Za-z]):[\\/]+(.+)$/.exec(store);
  if (!m || `${m[1].toUpperCase()}:` !== letter.toUpperCase() || !ctx.ports.volumes.exists(letter, m[2])) return undefined;
  const top = m[2].split(/[\\/]+/)[0].toLowerCase();
  if (keep.some((k) => k.toLowerCase() === top)) return undefined;
  return `the user state store ${store} (OSDStateStorePath) is on ${letter}, which this step wipes, and outside the protected folders (${keep.join(', ')}): keep it in %_SMSTSUserStatePath% or on another volume`;
}
