/** The answer file Setup Windows and ConfigMgr completes: read (or a minimal one), variables substituted, written back. */
import type { StepContext, StepResult, WindowsInstallation } from '../../engine/step-api.ts';
import { ANSWER_FILE_PATH, EXIT_FAILED } from '../../engine/step-api.ts';
import { planUnattend, renderUnattend } from '../shared/unattend.ts';
import { substituteVariables } from './substitute-variables.ts';

/** Reads, substitutes and writes the answer file; returns a failed result when it cannot be written. */
export function completeAnswerFile(ctx: StepContext, windows: WindowsInstallation): StepResult | undefined {
  const drive = windows.drive;
  let xml = ctx.ports.volumes.readFile(drive, ANSWER_FILE_PATH);
  if (xml === undefined) {
    ctx.log.warn(`${drive}\\${ANSWER_FILE_PATH} does not exist (Apply Operating System Image writes it); using a minimal answer file`);
    xml = renderUnattend(planUnattend({ architecture: windows.architecture }));
  }
  const lookup = (name: string) => (ctx.vars.has(name) ? ctx.vars.expand(`%${name}%`) : undefined);
  const done = substituteVariables(xml, (name) => {
    const value = lookup(name);
    return value ? { text: value.text, secret: value.secret || ctx.vars.isSecret(name) } : undefined;
  });
  for (const k of done.keptInNumeric) ctx.log.warn(`${k.token} in the numeric-only field <${k.field}> is left as written`);
  ctx.log.info(done.replaced.length > 0
    ? `Substituted ${done.replaced.length} variable(s) in the answer file: ${done.replaced.join(', ')}${done.secret ? ' (secret values written only to the target volume)' : ''}`
    : 'The answer file holds no variables to substitute');
  try {
    ctx.ports.volumes.writeFile(drive, ANSWER_FILE_PATH, done.text);
  } catch (e) {
    return { exitCode: EXIT_FAILED, message: `cannot write ${drive}\\${ANSWER_FILE_PATH}: ${(e as Error).message}` };
  }
  return undefined;
}
