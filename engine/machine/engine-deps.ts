/** What one engine instance works with (one per boot: a reboot starts a fresh instance from the journal). */
import type { VariableStore } from '../../variables/index.ts';
import type { Ports, LogPort, EnvironmentFacts, SystemFacts } from '../ports/index.ts';
import type { Program, Instruction } from '../program/index.ts';
import type { Registry } from '../registry/index.ts';
import type { RunJournal } from '../journal/run-journal.ts';
import type { CompiledCondition } from '../conditions/types.ts';
import type { StepModule } from '../step-module.ts';
import type { RestartGate } from './restart-gate.ts';
import type { ProgramView } from './decision.ts';

export interface EngineDeps {
  program: Program;
  /** The program with its modules' traits, as `decide` reads it. */
  view: ProgramView;
  registry: Registry;
  vars: VariableStore;
  ports: Ports;
  log: LogPort;
  journal: RunJournal;
  /** Read again after every step (a step can change what the built-ins describe). */
  environment: EnvironmentFacts;
  facts: SystemFacts;
  allowUnknownSteps: boolean;
  /** Compiled conditions by instruction index (compiled once per instance). */
  conditions: Map<number, CompiledCondition | null>;
  /** Asked before a requested restart is recorded; without it every restart is taken to happen. */
  restart?: RestartGate;
}

/** Component names for the log. */
export const ENGINE_COMPONENT = 'TSManager';

/** The module that runs an instruction, honouring `--allow-unknown-steps` for steps with an `<action>`. */
export function moduleFor(deps: Pick<EngineDeps, 'registry' | 'allowUnknownSteps'>, instr: Instruction): StepModule | undefined {
  const type = instr.node.kind === 'group' ? undefined : instr.node.type;
  const found = deps.registry.find(type ?? '');
  if (found) return found;
  if (deps.allowUnknownSteps && instr.node.kind !== 'group' && instr.node.action) return deps.registry.commandLine();
  return undefined;
}

/** The program as `decide` sees it: each instruction with the traits of the module that runs it. */
export function programView(deps: Pick<EngineDeps, 'program' | 'registry' | 'allowUnknownSteps'>): ProgramView {
  const traits = deps.program.instructions.map((instr) => {
    const module = instr.kind === 'group' ? undefined : moduleFor(deps, instr);
    return module && { runIn: module.runIn, rerunnable: module.rerunnable, continueOnErrorIgnored: module.continueOnError === 'ignored' };
  });
  return { program: deps.program, traits };
}

/** Writes a redacted log line. */
export function logLine(deps: EngineDeps, severity: 'info' | 'warning' | 'error', message: string, component = ENGINE_COMPONENT): void {
  deps.log.write({ severity, component, message: deps.vars.redact(message) });
}
