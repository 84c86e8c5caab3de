/**
 * `SMSTSPostAction`: the command run after the sequence has ended. Its result does not change the sequence's: the
 * sequence already succeeded, so a failing or refused post action (a Windows `shutdown.exe` on the Linux live
 * system) is a warning in the log, never a failed run or an internal error after a finished deployment.
 */
import { TaskseqError } from '../../engine/index.ts';
import type { VariableStore } from '../../variables/index.ts';
import type { Backend } from '../backends/backend.ts';
import type { RunLog } from '../log/index.ts';

/** Runs `command` (unexpanded) through the backend's commands port and logs what became of it. */
export async function runPostAction(backend: Pick<Backend, 'ports'>, command: string, vars: VariableStore, log: RunLog): Promise<void> {
  const expanded = vars.expand(command);
  log.write({ severity: 'info', component: 'TSManager', message: vars.redact(`Starting the post action: ${expanded.text}`) });
  try {
    const r = await backend.ports.commands.run({ kind: 'command-line', commandLine: expanded.text, secret: expanded.secret });
    // What the exit code rests on (a simulated machine's "assumed success") is said with it.
    for (const w of r.warnings ?? []) log.write({ severity: 'warning', component: 'TSManager', message: vars.redact(`The post action: ${w}`) });
    log.write({ severity: r.exitCode === 0 ? 'info' : 'warning', component: 'TSManager', message: `The post action exited with code ${r.exitCode}` });
  } catch (e) {
    if (!(e instanceof TaskseqError)) throw e;
    log.write({ severity: 'warning', component: 'TSManager', message: vars.redact(`The post action did not run: ${e.message}`) });
  }
}
