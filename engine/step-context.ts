/**
 * The one way a StepContext is made: the interpreter builds each running step's context here, and the steps' tests
 * build theirs here over fake ports, so what a step sees in a test is what it sees in a run.
 */
import { VariableError, type Expansion, type VariableStore } from '../variables/index.ts';
import type { VariableEntry, Condition } from './definition/model.ts';
import type { ConditionContext } from './conditions/types.ts';
import { evaluateCondition } from './conditions/index.ts';
import { currentOption } from './options/option-lookup.ts';
import type { EnvironmentFacts, MachineProbe, Ports, SystemFacts } from './ports/index.ts';
import type { StepContext, StepInfo, StepProgress } from './step-module.ts';

/** Everything a step context is made from. */
export interface StepContextInput {
  step: StepInfo;
  /** The run's variables; the step's `defaultVarList` must already be set as its local defaults. */
  vars: VariableStore;
  facts: SystemFacts;
  environment: EnvironmentFacts;
  ports: Ports;
  /** Receives the step's log lines as the step wrote them (the engine redacts them and names the component). */
  log(severity: 'info' | 'warning' | 'error', message: string): void;
  /** Aborted when the step's timeout expires. */
  signal: AbortSignal;
  /** Told when the step asks to shut the computer down (the engine carries it into the step's result). */
  onShutdown(): void;
  /** Told of a restart request after the context has set `SMSTSRebootRequested` (tests record the requests). */
  onReboot?(request: { target: 'HD' | 'WinPE'; retry?: boolean }): void;
  /** Receives the step's progress reports as the step made them (the engine throttles them); dropped when absent. */
  progress?(report: StepProgress): void;
}

/**
 * The current value of the option carried by `property` (see {@link currentOption}), `%VAR%`-expanded; undefined when
 * absent or empty.
 */
function optionExpansion(vars: VariableStore, defaults: readonly VariableEntry[], property: string): Expansion | undefined {
  const current = currentOption(vars, defaults, property);
  if (!current) return undefined;
  const expanded = vars.expand(current.value);
  // A secret option variable keeps its value secret even when nothing secret was expanded into it.
  return vars.isSecret(current.variable) ? { ...expanded, secret: true } : expanded;
}

/** What conditions read: the run's variables (with which are secret, so a false clause masks them) and the machine. */
export function conditionContext(vars: VariableStore, probe: MachineProbe): ConditionContext & { isSecret(name: string): boolean } {
  return {
    get: (n: string) => vars.get(n),
    expand: (t: string) => vars.expand(t).text,
    isSecret: (n: string) => vars.isSecret(n),
    probe,
  };
}

/** Builds the context one step runs with. */
export function createStepContext(input: StepContextInput): StepContext {
  const { vars, step } = input;
  const defaults = step.node.defaultVarList ?? [];
  const expansion = (property: string): Expansion | undefined => optionExpansion(vars, defaults, property);
  return {
    step,
    option: (property) => expansion(property)?.text,
    optionExpansion: expansion,
    vars: {
      get: (n) => vars.get(n),
      has: (n) => vars.has(n),
      isSecret: (n) => vars.isSecret(n),
      set: (n, v, o) => vars.set(n, v, { writer: 'step', secret: o?.secret }),
      expand: (t) => vars.expand(t),
      setBuiltIn: (n, v) => {
        if (!n.startsWith('_')) throw new VariableError('invalid-variable', n, `setBuiltIn is for engine variables (names starting with "_"), not ${n}`);
        vars.set(n, v, { writer: 'engine' });
      },
    },
    facts: input.facts,
    environment: input.environment,
    ports: input.ports,
    log: {
      info: (m) => input.log('info', m),
      warn: (m) => input.log('warning', m),
      error: (m) => input.log('error', m),
    },
    signal: input.signal,
    evaluateCondition: (c: Condition) => evaluateCondition(c, conditionContext(vars, input.ports.probe)),
    requestShutdown: () => input.onShutdown(),
    requestReboot: (request) => {
      vars.set('SMSTSRebootRequested', request.target, { writer: 'engine' });
      if (request.retry) vars.set('SMSTSRetryRequested', 'true', { writer: 'engine' });
      input.onReboot?.(request);
    },
    progress: (report) => input.progress?.(report),
  };
}
