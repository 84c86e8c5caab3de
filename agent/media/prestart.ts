/**
 * The media's prestart command: runs through the machine's Commands port before the first step of a new deployment,
 * with the media's `prestart/` folder as working folder. The variables it sets are those the Commands port returns
 * in `setVariables` (the channel every command uses to set task sequence variables; on the simulated machine, the
 * command table's `setVariables`).
 */
import { join } from 'node:path';
import type { CommandsPort, LogPort } from '../../engine/index.ts';
import { checkName, isReadOnlyName } from '../../variables/index.ts';
import { PRESTART_FOLDER } from './media-format.ts';
import type { OpenedMedia } from './open-media.ts';

export type PrestartOutcome =
  | { ok: true; variables: Array<{ name: string; value: string }> }
  | { ok: false; exitCode: number; message: string };

const COMPONENT = 'TSMBootstrap';

/** Runs the prestart command when the media has one; a non-zero exit code stops the deployment before it starts. */
export async function runPrestart(media: OpenedMedia, commands: CommandsPort, log: LogPort): Promise<PrestartOutcome> {
  const commandLine = media.policy.prestart?.commandLine;
  if (!commandLine) return { ok: true, variables: [] };
  log.write({ severity: 'info', component: COMPONENT, message: `Running the prestart command: ${commandLine}` });
  const r = await commands.run({ kind: 'command-line', commandLine, workingDirectory: join(media.dir, PRESTART_FOLDER), secret: false });
  if (r.exitCode !== 0) {
    const message = `the prestart command exited with code ${r.exitCode}; the task sequence did not start`;
    log.write({ severity: 'error', component: COMPONENT, message: `The prestart command exited with code ${r.exitCode}; the task sequence does not start` });
    return { ok: false, exitCode: r.exitCode, message };
  }
  const variables: Array<{ name: string; value: string }> = [];
  for (const [name, value] of Object.entries(r.setVariables ?? {})) {
    const bad = checkName(name) ?? (isReadOnlyName(name) ? 'names starting with "_" are read-only' : undefined);
    if (bad) log.write({ severity: 'warning', component: COMPONENT, message: `The prestart command's variable ${name} is ignored: ${bad}` });
    else variables.push({ name, value });
  }
  const names = variables.map((v) => v.name).join(', ');
  log.write({ severity: 'info', component: COMPONENT, message: `The prestart command succeeded${names ? `; it set ${names}` : ''}` });
  return { ok: true, variables };
}
