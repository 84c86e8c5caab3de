/**
 * One engine instance per boot: an instance runs until the sequence ends or a restart is due, the machine restarts
 * (it may refuse, as real firmware does) and a fresh instance resumes from the journal, as on a real machine.
 */
import { TaskseqError, type ContentPort } from '../../engine/index.ts';
import { runSequence } from '../../engine/machine/index.ts';
import type { PreparedRun } from '../load/prepare-run.ts';
import type { Backend, RestartOptions, RestartTarget } from '../backends/backend.ts';
import type { RunLog } from '../log/index.ts';
import { ENGINE_VERSION, type DeploymentOptions } from './deployment-options.ts';
import { finishRun, type DeploymentReport, type RunFinish } from './deployment-report.ts';
import type { OpenedJournal } from './run-journal.ts';
import { createRunPorts } from './run-ports.ts';
import { runPostAction } from './post-action.ts';
import type { RunVariables } from './run-variables.ts';

export interface BootLoop {
  options: DeploymentOptions;
  prepared: PreparedRun;
  backend: Backend;
  log: RunLog;
  content: ContentPort;
  journal: OpenedJournal;
  variables: RunVariables;
  finish: RunFinish;
}

/** How the boots ended: the report, and the post action to run once the machine is released. */
export interface BootsEnded {
  report: DeploymentReport;
  /**
   * `SMSTSPostAction`, run by the caller after the backend is disposed (mounts gone, devices detached) and before the
   * log closes: a post action that restarts the machine must find nothing left open.
   */
  postAction?: () => Promise<void>;
}

/** Runs the sequence to its end, or to a restart that cannot happen. */
export async function runBoots(loop: BootLoop): Promise<BootsEnded> {
  const { options, prepared, backend, log, variables, journal: { previous } } = loop;
  const resuming = previous !== undefined && !previous.ended;
  const interrupted = resuming ? previous.pendingReboot?.target : undefined;
  const refusedEarlier = interrupted ? await completeInterruptedReboot(backend, interrupted) : undefined;
  const ports = createRunPorts(backend, loop.content, options.content);
  const media = options.input.media;
  const prestart = media && !resuming ? await media.prestart(ports.commands, log) : { ok: true as const, variables: [] };
  if (!prestart.ok) {
    return { report: finishRun(loop.finish, { status: 'failed', exitCode: prestart.exitCode, steps: [], reboots: [], variables: variables.current() }, prestart.message) };
  }
  const initialVariables = [...variables.initial, ...prestart.variables];
  if (refusedEarlier) throw refusedEarlier;
  const say = options.output.console;
  for (;;) {
    const outcome = await runSequence({
      program: prepared.program, package: prepared.document.package, registry: prepared.registry, ports: ports.forBoot(), log,
      journalStore: loop.journal.store, sealer: loop.journal.sealer, engineVersion: ENGINE_VERSION, initialVariables,
      allowUnknownSteps: options.input.allowUnknownSteps, onVariables: (v) => variables.set(v),
      restart: { refusal: (target, variable) => backend.restartRefusal(target, restartOptions(variable)) },
    });
    variables.set(outcome.variables);
    if (outcome.status === 'reboot') {
      const refused = await restart(backend, outcome.rebootTarget!, log, restartOptions((n) => outcome.variables.get(n)),
        say && ((line) => say(outcome.variables.redact(line))));
      // The engine asked the machine first, so this is a machine that changed its answer: the restart in the report
      // did not happen.
      if (refused) return { report: finishRun(loop.finish, { ...outcome, status: 'failed', exitCode: 1, reboots: outcome.reboots.slice(0, -1) }, refused) };
      continue;
    }
    if (outcome.shutdownAfter !== undefined) {
      log.write({ severity: 'info', component: 'TSManager', message: 'The computer is shut down; the task sequence has ended' });
    }
    const { postAction } = outcome;
    const report = finishRun(loop.finish, outcome);
    if (outcome.shutdownAfter !== undefined || !postAction) return { report };
    return { report, postAction: () => runPostAction(backend, postAction, outcome.variables, log) };
  }
}

/**
 * A crash between "reboot requested" and the restart itself: do the restart now.
 * @returns TaskseqError('unsupported') when the machine cannot boot the target (the run then fails as it did)
 */
async function completeInterruptedReboot(backend: Backend, target: RestartTarget): Promise<TaskseqError | undefined> {
  const inWinPE = backend.ports.system.environment().inWinPE;
  if ((target === 'WinPE') === inWinPE) return undefined;
  try {
    await backend.restart(target);
    return undefined;
  } catch (e) {
    if (e instanceof TaskseqError) return new TaskseqError('unsupported', `the restart to ${target} the previous run asked for cannot happen: ${e.message}`, { cause: e });
    throw e;
  }
}

/** TSUEFIDrive names a FAT32 partition: a restart to WinPE stages the boot image there and the firmware becomes UEFI. */
function restartOptions(variable: (name: string) => string | undefined): RestartOptions | undefined {
  const uefiDrive = variable('TSUEFIDrive');
  return uefiDrive ? { uefiDrive } : undefined;
}

/**
 * Restarts the machine; returns why it could not, if it could not. The console gets the restart and what Windows
 * Setup did, the only moments of a run that no step line shows.
 */
async function restart(backend: Backend, target: RestartTarget, log: RunLog, options: RestartOptions | undefined,
  console?: (line: string) => void): Promise<string | undefined> {
  try {
    const booted = await backend.restart(target, options);
    for (const line of booted.setup) log.write({ severity: 'info', component: 'WindowsSetup', message: line });
    console?.(`Restarted into ${target === 'HD' ? 'the installed OS (HD)' : 'Windows PE'}`);
    if (booted.setup.length) console?.(`Windows Setup: ${booted.setup.join('; ')}`);
    return undefined;
  } catch (e) {
    if (!(e instanceof TaskseqError)) throw e;
    log.write({ severity: 'error', component: 'TSManager', message: `The restart to ${target} failed: ${e.message}` });
    return `the restart to ${target} failed: ${e.message}`;
  }
}
