/**
 * A deployment from start to end, as a composition of named stages: take the state folder, load the input, plan the
 * content, prepare the sequence (every problem listed before anything is written), select and check the machine,
 * open the journal, start the machine, open the log, stage the content, then the boot loop.
 */
import type { MediaType } from '../../engine/index.ts';
import type { Backend, BackendStartOptions } from '../backends/backend.ts';
import { sequenceDisks } from './sequence-disks.ts';
import { machineJudgeFor, selectMachine, type MachineSelection } from '../backends/select.ts';
import { shareNames } from '../backends/host-files/shares.ts';
import { prepareRun, type PreparedRun } from '../load/prepare-run.ts';
import { createOutputFolders } from '../output/output-folders.ts';
import { runBoots } from './boot-loop.ts';
import { contentFolderFor } from './content-folder.ts';
import { planContent, type ContentPlan, type RunContent } from './content-plan.ts';
import { loadDeploymentInput, type DeploymentInput } from './deployment-input.ts';
import type { DeploymentOptions } from './deployment-options.ts';
import type { DeploymentReport } from './deployment-report.ts';
import { openRunJournal, type OpenedJournal } from './run-journal.ts';
import { openRunOutput } from './run-output.ts';
import type { StageRequest } from './stage-before-run.ts';
import type { RunStatus } from './status-wiring.ts';
import { createRunVariables } from './run-variables.ts';
import { openStateFolder, type StateFolder } from './state-folder.ts';

export type { DeploymentReport } from './deployment-report.ts';

/**
 * Runs the deployment `options` describe to its end (or to a restart that cannot happen), with the state folder
 * locked for the whole run (restarts within this process included).
 * @throws InvalidInputError before anything ran; TaskseqError('content-unavailable') when staging fails;
 *   TaskseqError('state-folder-locked') when another run holds the state folder
 */
export async function runDeployment(options: DeploymentOptions): Promise<DeploymentReport> {
  // Lines from before the log exists (a stale lock taken over): written to it first.
  const warnings: string[] = [];
  const say = options.output.console;
  const folder = openStateFolder(options.output.stateDir, options.content.cacheDir, (line) => { warnings.push(line); say?.(`warning: ${line}`); });
  try {
    const input = await loadDeploymentInput(options.input);
    try {
      return await deploy(options, folder, input, warnings);
    } finally {
      input.dispose();
    }
  } finally {
    folder.release();
  }
}

async function deploy(options: DeploymentOptions, folder: StateFolder, input: DeploymentInput, warnings: readonly string[]): Promise<DeploymentReport> {
  const { media } = options.input;
  const content = await planContent({
    input, media, folder: contentFolderFor({ ...options.input, content: options.content.folder }),
    variables: options.input.variables, cacheDir: folder.cacheDir,
  });
  const prepared = prepareSequence(options, input, content);
  const machine = await selectMachine(options.machine);
  const factory = machine.open(folder.machineDir, { sequenceDisks: sequenceDisks(prepared.program, prepared.registry) });
  await media?.checkBeforeStart(factory.clockBeforeStart(options.output.reset));
  await factory.checkBeforeStart?.();
  startWriting(options, folder);
  const journal = openRunJournal(folder, prepared.program);
  const backend = await factory.start(startOptions(options, input, machine, journal));
  try {
    return await runOnMachine({ options, folder, input, warnings, prepared, content, journal, backend });
  } finally {
    // Whatever happened before the log opened: a live machine's mounts and loop devices go (a second call is a no-op).
    await backend.dispose?.();
  }
}

/** A run whose machine has started. */
interface StartedRun {
  options: DeploymentOptions;
  folder: StateFolder;
  input: DeploymentInput;
  warnings: readonly string[];
  prepared: PreparedRun;
  content: ContentPlan;
  journal: OpenedJournal;
  backend: Backend;
}

async function runOnMachine({ options, folder, input, warnings, prepared, content, journal, backend }: StartedRun): Promise<DeploymentReport> {
  const variables = createRunVariables(options.input.media, [...input.variables, ...options.input.variables]);
  const output = openRunOutput({
    output: options.output, folder, backend, program: prepared.program, client: input.client, variables,
    warnings: [...warnings, ...(journal.tornTail ? [journal.tornTail] : [])],
  });
  const { log } = output;
  backend.attachLog?.((severity, message) => log.write({ severity, component: 'Backend', message }));
  let postAction: (() => Promise<void>) | undefined;
  try {
    const run = await content.open(backend.packageDestination, log, options.output.console);
    await stageContent(run, output, prepared, [...prepared.program.globals, ...variables.initial], options.input.allowUnknownSteps);
    const ended = await runBoots({
      options, prepared, backend, log, content: run.port, journal, variables,
      finish: { folder, backend, log, problems: prepared.problems },
    });
    run.finish(/^\s*true\s*$/i.test(variables.current().get('SMSTSPreserveContent') ?? ''));
    postAction = ended.postAction;
    return ended.report;
  } finally {
    // Released while the log is still open, so what the release ran (unmounts, detached devices) is in it; the post
    // action (which may restart the machine) comes after the release and finds nothing mounted.
    try {
      await backend.dispose?.();
      await postAction?.();
    } finally {
      await output.close();
    }
  }
}

/** Every package before the first step; a failure is reported to the status endpoint too (no engine event says it). */
async function stageContent(run: RunContent, output: RunStatus, prepared: PreparedRun, variables: StageRequest['variables'],
  allowUnknownSteps: boolean): Promise<void> {
  try {
    await run.stage({ program: prepared.program, registry: prepared.registry, allowUnknownSteps, variables });
  } catch (e) {
    output.contentFailed((e as Error).message);
    throw e;
  }
}

/** Load, children, compile and preflight: any error stops the run here, with every problem listed. */
function prepareSequence(options: DeploymentOptions, input: DeploymentInput, content: ContentPlan): PreparedRun {
  const media = options.input.media;
  return prepareRun({
    file: media?.sequence.file ?? input.file, bytes: media?.sequence.bytes, children: options.input.children,
    content: content.folder?.dir, catalog: content.catalog, contentSource: content.source,
    mediaType: media?.mediaType ?? options.machine.mediaType, allowUnknownSteps: options.input.allowUnknownSteps, mode: 'run',
    machine: machineJudgeFor(options.machine),
    connectedShares: shareNames(options.machine.shares ?? []),
  });
}

/** The run's first writes: `--reset` empties the state folder; the log and the cache folders exist after this. */
function startWriting(options: DeploymentOptions, folder: StateFolder): void {
  if (options.output.reset) folder.reset();
  const cacheDir = options.content.cacheDir;
  createOutputFolders([{ option: '--state-dir', path: folder.dir }, { option: '--log-dir', path: options.output.logDir },
    ...(cacheDir ? [{ option: '--cache', path: cacheDir }] : [])]);
}

/** A run from a deployment source starts from boot media unless told otherwise; media decide for themselves. */
function startOptions(options: DeploymentOptions, input: DeploymentInput, machine: MachineSelection, journal: OpenedJournal): BackendStartOptions {
  const media = options.input.media;
  const mediaType: MediaType | undefined = media?.mediaType ?? options.machine.mediaType ?? (input.sources.length ? 'BootMedia' : undefined);
  return {
    strictCommands: options.machine.strictCommands, mediaType,
    launchMode: media?.launchMode(machine.profile.environment.launchMode),
    // Reset and an archived journal took the machine's saved state with them.
    fresh: options.output.reset || journal.previous?.ended !== undefined,
  };
}
