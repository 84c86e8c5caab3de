/**
 * Runs a sequence on a machine to the end: one engine instance per boot. A reboot restarts the simulated machine
 * (which may refuse, as real firmware would) and a fresh instance resumes from the journal.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RunJournal, TaskseqError, type ContentPort,
  type Problem, type RebootRecord, type StepRecord, type Ports,
} from '../../engine/index.ts';
import { runSequence, checkJournal } from '../../engine/machine/index.ts';
import { VariableStore } from '../../variables/index.ts';
import {
  createSimulatedMachine, loadProfile, captureLocalProfile, type MachineProfile, type RebootOptions, type SimulatedMachine,
  type SimulatedDiskImage,
} from '../backends/simulated/index.ts';
import { createFileJournalStore, parseKillAfterAppends, KILL_AFTER_APPENDS_ENV } from '../journal/file-journal-store.ts';
import { createSecretSealer } from '../journal/secret-sealer.ts';
import { createRunLog, type RunLog } from '../log/index.ts';
import { createContentCatalog, createContentResolver, type ContentResolver } from '../content/content-resolver.ts';
import { createSimulatedDestination } from '../backends/simulated/content/simulated-destination.ts';
import { createHttpClient } from '../content/http-client.ts';
import { fetchSourceManifests, loadDeploymentInput, type DeploymentInput } from './deployment-input.ts';
import { progressLogger, stageBeforeRun } from './stage-before-run.ts';
import { wireStatus } from './status-wiring.ts';
import { createStateMigrationClient, NO_STATE_MIGRATION_POINT } from '../state-migration/smp-client.ts';
import { createDriversPort, devicesFromProfile } from '../drivers/drivers-port.ts';
import { prepareRun } from '../load/prepare-run.ts';
import { contentFolderFor, type ContentFolder } from './content-folder.ts';
import { clearStateFolder, lockStateFolder } from './state-folder-lock.ts';
import { withCrashHook } from './crash-hook.ts';
import { withSignalTurns } from './signal-turns.ts';
import { ENGINE_VERSION, type DeploymentOptions } from './deployment-options.ts';
import { readMachineClock } from './machine-clock.ts';
import { createOutputFolders } from '../output/output-folders.ts';
import type { MediaRun } from '../media/media-run.ts';

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
  /** The CMTrace log (smsts.log), written whatever the log format. */
  logFile: string;
  /** The JSON Lines log (smsts.jsonl) when `--log-format json` asked for it. */
  jsonLogFile?: string;
  stateDir: string;
  /** The machine's disks as image files at the end of the run (what `sfdisk --json` reads back). */
  disks: SimulatedDiskImage[];
  /** Redacts a text with everything the run knew to be secret (for the CLI's own messages). */
  redact: (text: string) => string;
}

/**
 * Runs the deployment `options` describe to its end (or to a restart that cannot happen), with the state folder
 * locked for the whole run (restarts within this process included).
 * @throws InvalidInputError before anything ran; TaskseqError('content-unavailable') when staging fails;
 *   TaskseqError('state-folder-locked') when another run holds the state folder
 */
export async function runDeployment(options: DeploymentOptions): Promise<DeploymentReport> {
  const warnings: string[] = [];
  const lock = lockStateFolder(options.stateDir, { warn: (line) => { warnings.push(line); options.console?.(`warning: ${line}`); } });
  try {
    const input = await loadDeploymentInput(options);
    const folder = contentFolderFor(options);
    try {
      return await deploy({ ...options, content: folder?.dir }, input, folder, warnings);
    } finally {
      input.dispose();
    }
  } finally {
    lock.release();
  }
}

/** Where the run's content comes from: folders, deployment sources, their manifests, the cache. */
interface ContentInputs {
  mediaDirs: string[];
  sources: string[];
  client: DeploymentInput['client'];
  manifests: DeploymentInput['manifests'];
  cacheDir: string;
}

async function contentInputs(options: DeploymentOptions, input: DeploymentInput): Promise<ContentInputs> {
  const cacheDir = options.cacheDir ?? join(options.stateDir, 'content-cache');
  // Boot and prestaged media with deployment sources: the media's content first, then the sources (verified).
  const net = options.media?.network;
  if (!net) return { mediaDirs: options.content ? [options.content] : [], sources: input.sources, client: input.client, manifests: input.manifests, cacheDir };
  const client = net.caFile ? createHttpClient({ ca: readFileSync(net.caFile, 'utf8') }) : input.client;
  // Boot media list no packages: their manifests come from the deployment source's own document.
  const manifests = net.manifests.length > 0 ? net.manifests
    : await fetchSourceManifests(net.sources, client, [...(options.media?.variables ?? []), ...options.variables]);
  return { mediaDirs: [net.folder], sources: net.sources, client, manifests, cacheDir };
}

/** The journal of this state folder: an unfinished one must belong to this program; a finished one is archived. */
function openJournal(options: DeploymentOptions, prepared: ReturnType<typeof prepareRun>) {
  if (options.reset) clearStateFolder(options.stateDir);
  // The first write of the run: the log and the cache create their folders recursively, so they must exist by now.
  createOutputFolders([{ option: '--state-dir', path: options.stateDir }, { option: '--log-dir', path: options.logDir },
    ...(options.cacheDir ? [{ option: '--cache', path: options.cacheDir }] : [])]);
  const journalFile = join(options.stateDir, 'journal.tsj');
  const store = createFileJournalStore(journalFile, { killAfterAppends: parseKillAfterAppends(process.env[KILL_AFTER_APPENDS_ENV]) });
  const sealer = createSecretSealer(join(options.stateDir, 'journal.key'));
  const journal = new RunJournal(store, sealer);
  const previous = journal.load(journalFile);
  if (previous && !previous.ended) checkJournal(previous, { program: prepared.program, engineVersion: ENGINE_VERSION });
  if (previous?.ended) archiveEndedJournal(journalFile);
  return { store, sealer, previous, tornTail: journal.discardedTail() };
}

/** `warnings`: lines from before the log existed (a stale lock taken over), written to it first. */
async function deploy(options: DeploymentOptions, input: DeploymentInput, folder: ContentFolder | undefined,
  warnings: readonly string[]): Promise<DeploymentReport> {
  const media = options.media;
  const net = media?.network;
  const { mediaDirs, sources, client, manifests, cacheDir } = await contentInputs(options, input);
  const catalog = createContentCatalog({ mediaDirs, manifests, cacheDir });
  const prepared = prepareRun({
    file: media?.sequence.file ?? input.file, bytes: media?.sequence.bytes, children: options.children, content: options.content,
    catalog: media && !net ? media.preflightContent : catalog, contentSource: media?.contentSource ?? describeContent(folder, input),
    mediaType: media?.mediaType ?? options.mediaType,
    allowUnknownSteps: options.allowUnknownSteps, mode: 'run',
  });
  const profile = await resolveProfile(options.machine);
  await media?.checkBeforeStart(readMachineClock(profile, options.machine, options.stateDir, options.reset));
  const { store, sealer, previous, tornTail } = openJournal(options, prepared);
  const mediaType = media?.mediaType ?? options.mediaType ?? (input.sources.length ? 'BootMedia' : undefined);
  const machine = createSimulatedMachine(profile, {
    stateDir: join(options.stateDir, 'machine'), strictCommands: options.strictCommands, mediaType,
    launchMode: media?.launchMode(profile.environment.launchMode),
  });
  const resolver = createContentResolver({
    mediaDirs, cacheDir, sources, manifests, client,
    destination: createSimulatedDestination(machine.volumes),
  });
  let current = mediaVariableStore(media);
  const variables = [...(media?.variables ?? []), ...input.variables, ...options.variables];
  const status = wireStatus(openLog(options, machine, (t) => redactWith(current, variables, t)), {
    url: options.statusUrl, client: input.client, stateDir: options.stateDir, variable: (n) => current.get(n),
    context: { now: () => machine.ports.clock.now(), machine: () => machine.ports.system.environment().machineName,
      sequence: { name: prepared.program.name, packageId: prepared.program.packageId }, redact: (t) => redactWith(current, variables, t) },
  });
  const log = status.log;
  for (const message of [...warnings, ...(tornTail ? [tornTail] : [])]) log.write({ severity: 'warning', component: 'TSManager', message });
  resolver.onProgress = progressLogger(log);
  if (folder?.implied) announceContentFolder(log, options.console, folder);
  try {
    const content = media && !net ? await media.prepareContent(log) : resolver.port;
    try {
      if (!media || net) await stageBeforeRun(resolver, { program: prepared.program, registry: prepared.registry, allowUnknownSteps: options.allowUnknownSteps,
        variables: [...prepared.program.globals, ...variables] }, log, options.console);
    } catch (e) {
      status.contentFailed((e as Error).message);
      throw e;
    }
    const run = { prepared, store, sealer, variables, setCurrent: (v: VariableStore) => (current = v), current: () => current };
    const report = await runBoots(options, machine, log, content, run, previous);
    resolver.finish({ preserve: /^\s*true\s*$/i.test(current.get('SMSTSPreserveContent') ?? '') });
    return report;
  } finally {
    await status.close();
    log.close();
  }
}

/** A folder nobody named on the command line decides what the run installs: say which one it is. */
function announceContentFolder(log: RunLog, console: DeploymentOptions['console'], folder: ContentFolder): void {
  const line = `Content: ${folder.label}; --content DIR names another`;
  log.write({ severity: 'info', component: 'ContentTransfer', message: line });
  console?.(line);
}

/** Redacts with the run's store, and with the secret values it was started with (before the store knows them). */
function redactWith(store: VariableStore, variables: ReadonlyArray<{ value: string; secret?: boolean }>, text: string): string {
  let out = store.redact(text);
  for (const v of variables) if (v.secret && v.value) out = out.split(v.value).join('********');
  return out;
}

function describeContent(folder: ContentFolder | undefined, input: DeploymentInput): string | undefined {
  const parts = [folder?.label, input.sources.length ? `sources ${input.sources.join(', ')}` : undefined].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

interface RunParts {
  prepared: ReturnType<typeof prepareRun>;
  store: ReturnType<typeof createFileJournalStore>;
  sealer: ReturnType<typeof createSecretSealer>;
  variables: Array<{ name: string; value: string; secret?: boolean }>;
  setCurrent: (v: VariableStore) => void;
  current: () => VariableStore;
}

/** One engine instance per boot, until the sequence ends or a restart cannot happen. */
async function runBoots(options: DeploymentOptions, machine: SimulatedMachine, log: RunLog, content: ContentPort, run: RunParts,
  previous: ReturnType<RunJournal['load']>): Promise<DeploymentReport> {
  const resuming = previous !== undefined && !previous.ended;
  const interrupted = resuming ? previous.pendingReboot?.target : undefined;
  const refusedEarlier = interrupted ? completeInterruptedReboot(machine, interrupted) : undefined;
  const commands = withCrashHook(withSignalTurns(machine.ports.commands));
  const smp = options.stateMigrationPoint ? createStateMigrationClient(options.stateMigrationPoint) : NO_STATE_MIGRATION_POINT;
  const ports: () => Ports = () => ({
    ...machine.ports, commands, content,
    drivers: createDriversPort({ devices: () => devicesFromProfile(machine.profile.pnpDevices), catalogDir: options.drivers, content }),
    userState: { ...machine.ports.userState, requestStore: (r) => smp.requestStore(r), releaseStore: (id, kind) => smp.releaseStore(id, kind) },
  });
  const { prepared } = run;
  const media = options.media;
  const prestart = media && !resuming ? await media.prestart(commands, log) : { ok: true as const, variables: [] };
  if (!prestart.ok) return finish(options, machine, log, { status: 'failed', exitCode: prestart.exitCode, steps: [], reboots: [], variables: run.current() }, prepared.problems, prestart.message);
  const initialVariables = [...run.variables, ...prestart.variables];
  if (refusedEarlier) throw refusedEarlier;
  for (;;) {
    const outcome = await runSequence({
      program: prepared.program, package: prepared.document.package, registry: prepared.registry, ports: ports(), log,
      journalStore: run.store, sealer: run.sealer, engineVersion: ENGINE_VERSION, initialVariables,
      allowUnknownSteps: options.allowUnknownSteps, onVariables: run.setCurrent,
      restart: { refusal: (target, variable) => machine.restartRefusal(target, rebootOptions(variable))?.message },
    });
    run.setCurrent(outcome.variables);
    if (outcome.status === 'reboot') {
      const refused = restart(machine, outcome.rebootTarget!, log, rebootOptions((n) => outcome.variables.get(n)),
        options.console && ((line) => options.console!(outcome.variables.redact(line))));
      // The engine asked the machine first, so this is a machine that changed its answer: the restart in the report
      // did not happen.
      if (refused) return finish(options, machine, log, { ...outcome, status: 'failed', exitCode: 1, reboots: outcome.reboots.slice(0, -1) }, prepared.problems, refused);
      continue;
    }
    if (outcome.shutdownAfter !== undefined) {
      log.write({ severity: 'info', component: 'TSManager', message: 'The computer is shut down; the task sequence has ended' });
    } else if (outcome.postAction) await runPostAction(machine, outcome.postAction, outcome.variables, log);
    return finish(options, machine, log, outcome, prepared.problems);
  }
}

/** The media's variables, known before the first step so that the log redacts its secrets from the start. */
function mediaVariableStore(media: MediaRun | undefined): VariableStore {
  const store = new VariableStore();
  for (const v of media?.variables ?? []) store.set(v.name, v.value, { secret: v.secret });
  return store;
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

/** TSUEFIDrive names a FAT32 partition: a restart to WinPE stages the boot image there and the firmware becomes UEFI. */
function rebootOptions(variable: (name: string) => string | undefined): RebootOptions | undefined {
  const uefiDrive = variable('TSUEFIDrive');
  return uefiDrive ? { uefiDrive } : undefined;
}

/**
 * Restarts the machine; returns why it could not, if it could not. The console gets the restart and what Windows
 * Setup did, the only moments of a run that no step line shows.
 */
function restart(machine: SimulatedMachine, target: 'HD' | 'WinPE', log: RunLog, rebootOptions: RebootOptions | undefined,
  console?: (line: string) => void): string | undefined {
  try {
    const booted = machine.reboot(target, rebootOptions);
    machine.save();
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
    ...(message ? { message: vars.redact(message) } : {}), logFile: log.path,
    ...(log.jsonPath !== undefined ? { jsonLogFile: log.jsonPath } : {}), stateDir: options.stateDir,
    disks: machine.diskImages(), redact: (t) => vars.redact(t),
  };
}
