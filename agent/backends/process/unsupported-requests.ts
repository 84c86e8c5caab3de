/** Requests a process runner refuses rather than carrying them out otherwise than asked. */
import { TaskseqError } from '../../../engine/index.ts';
import { Redactor } from '../../../variables/index.ts';
import type { ProcessRequest } from './process-types.ts';

/**
 * Refuses `runAs`: neither runner can start a program as another account (see docs/backends.md, "Run As"). The
 * message names the option and the account, never the password, with the request's secrets masked.
 * @throws TaskseqError('unsupported') when the request asks for Run As
 */
export function refuseRunAs(request: ProcessRequest, runner: string): void {
  if (!request.runAs) return;
  const redactor = new Redactor();
  for (const s of [...(request.secrets ?? []), request.runAs.password]) redactor.add(s);
  throw new TaskseqError('unsupported', redactor.redact(
    `Run As (runAs, the step's "run this step as the following account") is not supported by the ${runner} process `
    + `runner: the command was not started as ${request.runAs.user}; run the step as the agent's own account`,
  ));
}

/**
 * Refuses a Windows command line (`line`) on a runner that starts programs from argv only.
 * @throws TaskseqError('unsupported') when the request carries one
 */
export function refuseCommandLine(request: ProcessRequest, runner: string): void {
  if (request.line === undefined) return;
  throw new TaskseqError('unsupported', `a Windows command line cannot run through the ${runner} process runner; give argv`);
}
