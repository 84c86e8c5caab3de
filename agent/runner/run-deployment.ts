/**
 * Runs a sequence on a machine to the end: one engine instance per boot. A reboot restarts the simulated machine
 * (which may refuse, as real firmware would) and a fresh instance resumes from the journal.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RunJournal, TaskseqError,
  type Problem, type RebootRecord, type StepRecord, type Ports,
} from '../../engine/index.ts';
import { runSequence, checkJournal } from '../../engine/machine/index.ts';
import { VariableStore } from '../../variables/index.ts';
import { createSimulatedMachine, loadProfile, captureLocalProfile, type MachineProfile, type SimulatedMachine } from '../backends/simulated/index.ts';
import { createFileJournalStore, parseKillAfterAppends, KILL_AFTER_APPENDS_ENV } from '../journal/file-journal-store.ts';
import { createSecretSealer } from '../journal/secret-sealer.ts';
import { createRunLog, type RunLog } from '../log/index.ts';
import { createFolderContent } from '../content/folder-content.ts';
import { createDriversPort, devicesFromProfile } from '../drivers/drivers-port.ts';
import { prepareRun } from './prepare-run.ts';
import { withCrashHook } from './crash-hook.ts';
import { ENGINE_VERSION, type DeploymentOptions } from './deployment-options.ts';

export interface DeploymentReport {
  status: 'succeeded' | 'failed';
  exitCode: number;
  steps: StepRecord[];
  reboots: RebootRecord[];
  /** Final variables with secret values masked. */
  variables: Record<string, string>;
  /** Warnings found before the run (errors stop it before this report exists). */
  problems: Problem[];
  /** Why the run ended early, when a restart could not happen. */
  message?: string;
  logFile: string;
  stateDir: string;
  /** Redacts a text with everything the run knew to be secret (for the CLI's own messages). */
  redact: (text: string) => string;
}

export async function runDeployment(options: DeploymentOptions): Promise<DeploymentReport> {
  const prepared = prepareRun({ file: options.file, children: options.children, content: options.content, allowUnknownSteps: options.allowUnknownSteps, mode: 'run' });
  const profile = await resolveProfile(options.machine);
  if (options.reset) rmSync(options.stateDir, { recursive: true, force: true });
  mkdirSync(options.stateDir, { recursive: true });
  const journalFile = join(options.stateDir, 'journal.tsj');
  const store = createFileJournalStore(journalFile, { killAfterAppends: parseKillAfterAppends(process.env[KILL_AFTER_APPENDS_ENV]) });
  const sealer = createSecretSealer(join(options.stateDir, 'journal.key'));
  const previous = new RunJournal(store, sealer).load(journalFile);
  if (previous && !previous.ended) checkJournal(previous, { program: prepared.program, engineVersion: ENGINE_VERSION });
  if (previous?.ended) archiveEndedJournal(journalFile);
  const machine = createSimulatedMachine(profile, { stateDir: join(options.stateDir, 'machine'), strictCommands: options.strictCommands, mediaType: options.mediaType });
  let current = new VariableStore();
  const log = openLog(options, machine, (t) => current.redact(t));
  const interrupted = previous && !previous.ended ? previous.pendingReboot?.target : undefined;
  const refusedEarlier = interrupted ? completeInterruptedReboot(machine, interrupted) : undefined;
  const commands = withCrashHook(machine.ports.commands);
  const ports: () => Ports = () => {
    const content = createFolderContent(options.content);
    const drivers = createDriversPort({ devices: () => devicesFromProfile(machine.profile.pnpDevices), catalogDir: options.drivers, content });
    return { ...machine.ports, commands, content, drivers };
  };
  try {
    if (refusedEarlier) throw refusedEarlier;
    for (;;) {
      const outcome = await runSequence({
        program: prepared.program, package: prepared.document.package, registry: prepared.registry, ports: ports(), log,
        journalStore: store, sealer, engineVersion: ENGINE_VERSION, initialVariables: options.variables,
        allowUnknownSteps: options.allowUnknownSteps, onVariables: (v) => (current = v),
      });
      current = outcome.variables;
      if (outcome.status === 'reboot') {
        // TSUEFIDrive names a FAT32 partition: the restart stages the boot image there and the firmware becomes UEFI.
        const refused = restart(machine, outcome.rebootTarget!, log, outcome.variables.get('TSUEFIDrive'));
        if (refused) return finish(options, machine, log, { ...outcome, status: 'failed', exitCode: 1 }, prepared.problems, refused);
        continue;
      }
      if (outcome.shutdownAfter !== undefined) {
        log.write({ severity: 'info', component: 'TSManager', message: 'The computer is shut down; the task sequence has ended' });
      } else if (outcome.postAction) await runPostAction(machine, outcome.postAction, outcome.variables, log);
      return finish(options, machine, log, outcome, prepared.problems);
    }
  } finally {
    log.close();
  }
}

async function resolveProfile(machine: string): Promise<MachineProfile> {
  return machine === 'local' ? captureLocalProfile() : loadProfile(machine);
}

/** A finished run's journal is kept for inspection; running again starts a new deployment. */
function archiveEndedJournal(file: string): void {
  if (!existsSync(file)) return;
  renameSync(file, file.replace(/\.tsj$/, `-ended-${Date.now()}.tsj`));
  rmSync(join(file, '..', 'machine'), { recursive: true, force: true });
}

/**
 * A crash between "reboot requested" and the restart itself: do the restart now.
 * @throws TaskseqError('unsupported') when the machine cannot boot the target (the run then fails as it did).
 */
function completeInterruptedReboot(machine: SimulatedMachine, target: 'HD' | 'WinPE'): TaskseqError | undefined {
  const inWinPE = machine.ports.system.environment().inWinPE;
  if ((target === 'WinPE') === inWinPE) return undefined;
  try {
    machine.reboot(target);
    machine.save();
    return undefined;
  } catch (e) {
    if (e instanceof TaskseqError) return new TaskseqError('unsupported', `the restart to ${target} the previous run asked for cannot happen: ${e.message}`, { cause: e });
    throw e;
  }
}

/** Restarts the machine; returns why it could not, if it could not. */
function restart(machine: SimulatedMachine, target: 'HD' | 'WinPE', log: RunLog, uefiDrive?: string): string | undefined {
  try {
    const booted = machine.reboot(target, uefiDrive ? { uefiDrive } : undefined);
    machine.save();
    for (const line of booted.setup) log.write({ severity: 'info', component: 'WindowsSetup', message: line });
    return undefined;
  } catch (e) {
    if (!(e instanceof TaskseqError)) throw e;
    log.write({ severity: 'error', component: 'TSManager', message: `The restart to ${target} failed: ${e.message}` });
    return `the restart to ${target} failed: ${e.message}`;
  }
}

async function runPostAction(machine: SimulatedMachine, command: string, vars: VariableStore, log: RunLog): Promise<void> {
  const expanded = vars.expand(command);
  log.write({ severity: 'info', component: 'TSManager', message: vars.redact(`Starting the post action: ${expanded.text}`) });
  const r = await machine.ports.commands.run({ kind: 'command-line', commandLine: expanded.text, secret: expanded.secret });
  log.write({ severity: r.exitCode === 0 ? 'info' : 'warning', component: 'TSManager', message: `The post action exited with code ${r.exitCode}` });
}

function openLog(options: DeploymentOptions, machine: SimulatedMachine, redact: (t: string) => string): RunLog {
  const clock = machine.ports.clock;
  const bias = machine.ports.system.environment().timeZone.bias;
  return createRunLog({ dir: options.logDir, format: options.logFormat, now: () => clock.now(), biasMinutes: bias, redact, console: options.console });
}

function finish(options: DeploymentOptions, machine: SimulatedMachine, log: RunLog,
  outcome: { status: string; exitCode: number; steps: StepRecord[]; reboots: RebootRecord[]; variables: VariableStore },
  problems: Problem[], message?: string): DeploymentReport {
  machine.save();
  writeFileSync(join(options.stateDir, 'final-machine.json'), JSON.stringify(machine.finalState(), null, 2) + '\n');
  log.flush();
  const vars = outcome.variables;
  return {
    status: outcome.status === 'succeeded' ? 'succeeded' : 'failed', exitCode: outcome.exitCode,
    steps: outcome.steps, reboots: outcome.reboots, variables: vars.toRedactedRecord(), problems,
    ...(message ? { message: vars.redact(message) } : {}), logFile: log.path, stateDir: options.stateDir,
    redact: (t) => vars.redact(t),
  };
}
