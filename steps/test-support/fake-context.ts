/**
 * A StepContext for step tests: the engine's own `createStepContext` over a real VariableStore and fake ports that
 * throw on anything unscripted, with recorders for log lines, command requests and restart and shutdown requests.
 * What a step sees here is what it sees in a run.
 */
import { createStepContext } from '../../engine/step-api.ts';
import type {
  CommandRequest,
  ContentStageRequest,
  EnvironmentFacts,
  PartitionLayout,
  StepContext,
  StepInfo,
  StepNode,
  StepProgress,
  SystemFacts,
} from '../../engine/step-api.ts';
import type { VariableStore } from '../../variables/index.ts';
import { FAKE_ENVIRONMENT, FAKE_FACTS } from './fake-machine.ts';
import { createFakePorts, type FakePortsOptions } from './fake-ports.ts';
import { createFakeVariables, type FakeVariablesOptions } from './fake-variables.ts';

export { FAKE_ENVIRONMENT, FAKE_FACTS } from './fake-machine.ts';
export { defaults } from './fake-variables.ts';
export type { FakePortsOptions, ScriptedCommand } from './fake-ports.ts';

export interface FakeContextOptions extends FakePortsOptions, Omit<FakeVariablesOptions, 'defaults'> {
  /** The step node; `defaultVarList` becomes the local defaults. */
  node?: Partial<StepNode>;
  timeoutSeconds?: number;
  facts?: Partial<SystemFacts>;
  environment?: Partial<EnvironmentFacts>;
}

export interface LoggedLine {
  severity: 'info' | 'warning' | 'error';
  message: string;
}

export interface FakeContext {
  ctx: StepContext;
  store: VariableStore;
  /** Lines exactly as the step wrote them (not redacted, so tests see what the step itself let through). */
  logs: LoggedLine[];
  requests: CommandRequest[];
  /** Restart requests, in order (the context also sets `SMSTSRebootRequested`, as in a run). */
  reboots: Array<{ target: 'HD' | 'WinPE'; retry?: boolean }>;
  /** How many times the step asked to shut the computer down. */
  shutdowns: number;
  /** Layouts passed to `disks.apply()`, in order. */
  applied: PartitionLayout[];
  /** Requests passed to `content.stage()`, in order. */
  staged: ContentStageRequest[];
  /** Progress the step reported, in order, unthrottled. */
  progress: StepProgress[];
  /** Every log line joined, for "does not contain" checks. */
  logText(): string;
}

/** The step as the engine describes it to its context, from the node a test gives (the first instruction). */
function stepInfo(options: FakeContextOptions): StepInfo {
  const node: StepNode = { kind: 'step', name: 'Test step', ...options.node };
  return {
    index: 0,
    path: node.name,
    name: node.name,
    type: node.type ?? '(command line)',
    action: node.action,
    startIn: node.startIn,
    timeoutSeconds: options.timeoutSeconds ?? node.timeout,
    successCodes: [0],
    node,
  };
}

/** Builds a context for one step run. */
export function createFakeContext(options: FakeContextOptions = {}): FakeContext {
  const step = stepInfo(options);
  const store = createFakeVariables({ ...options, defaults: step.node.defaultVarList });
  const { ports, requests, applied, staged } = createFakePorts(options);
  const logs: LoggedLine[] = [];
  const reboots: FakeContext['reboots'] = [];
  const progress: StepProgress[] = [];
  const ctx = createStepContext({
    step,
    vars: store,
    facts: { ...FAKE_FACTS, ...options.facts },
    environment: { ...FAKE_ENVIRONMENT, ...options.environment },
    ports,
    log: (severity, message) => logs.push({ severity, message }),
    signal: new AbortController().signal,
    onShutdown: () => {
      fake.shutdowns += 1;
    },
    onReboot: (request) => reboots.push(request),
    progress: (report) => progress.push(report),
  });
  const fake: FakeContext = { ctx, store, logs, requests, reboots, shutdowns: 0, applied, staged, progress, logText: () => logs.map((l) => l.message).join('\n') };
  return fake;
}
