/** Builds the StepContext a step module runs with. */
import { VariableError, type Expansion } from '../../variables/index.ts';
import type { Instruction } from '../program/index.ts';
import type { StepContext, StepModule } from '../step-module.ts';
import type { Condition } from '../definition/model.ts';
import { evaluateCondition } from '../conditions/index.ts';
import { logLine, type EngineDeps } from './engine-deps.ts';

/** The variable that carries `property` in the step's `defaultVarList` (falls back to a variable named like it). */
export function optionVariable(instr: Instruction, property: string): string {
  const p = property.toLowerCase();
  const entry = instr.defaults.find((d) => (d.property ?? '').toLowerCase() === p);
  return entry?.name ?? property;
}

export function conditionContext(deps: EngineDeps) {
  return {
    get: (n: string) => deps.vars.get(n),
    expand: (t: string) => deps.vars.expand(t).text,
    isSecret: (n: string) => deps.vars.isSecret(n),
    probe: deps.ports.probe,
  };
}

export function createStepContext(deps: EngineDeps, instr: Instruction, module: StepModule, signal: AbortSignal): StepContext {
  const { vars } = deps;
  const optionExpansion = (property: string): Expansion | undefined => {
    const name = optionVariable(instr, property);
    const raw = vars.get(name);
    if (raw === undefined || raw === '') return undefined;
    const expanded = vars.expand(raw);
    // A secret option variable keeps its value secret even when nothing secret was expanded into it.
    return vars.isSecret(name) ? { ...expanded, secret: true } : expanded;
  };
  const node = instr.node.kind === 'group' ? undefined : instr.node;
  if (!node) throw new Error(`instruction ${instr.index} is a group, not a step`);
  return {
    step: {
      index: instr.index, path: instr.path, name: instr.name, type: instr.type, action: node.action,
      startIn: node.startIn, timeoutSeconds: instr.timeoutSeconds, successCodes: instr.successCodes, node,
    },
    option: (property) => optionExpansion(property)?.text,
    optionExpansion,
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
    facts: deps.facts,
    environment: deps.environment,
    ports: deps.ports,
    log: {
      info: (m) => logLine(deps, 'info', m, module.component),
      warn: (m) => logLine(deps, 'warning', m, module.component),
      error: (m) => logLine(deps, 'error', m, module.component),
    },
    signal,
    evaluateCondition: (c: Condition) => evaluateCondition(c, conditionContext(deps)),
    requestShutdown: () => {
      deps.shutdownRequested = true;
    },
    requestReboot: ({ target, retry }) => {
      vars.set('SMSTSRebootRequested', target, { writer: 'engine' });
      if (retry) vars.set('SMSTSRetryRequested', 'true', { writer: 'engine' });
    },
  };
}
