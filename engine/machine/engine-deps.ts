/** What one engine instance works with (one per boot: a reboot starts a fresh instance from the journal). */
import type { VariableStore } from '../../variables/index.ts';
import type { Ports, LogPort, EnvironmentFacts, SystemFacts } from '../ports/index.ts';
import type { Program, Instruction } from '../program/index.ts';
import type { Registry } from '../registry/index.ts';
import type { RunJournal } from '../journal/run-journal.ts';
import type { CompiledCondition } from '../conditions/types.ts';
import type { StepModule } from '../step-module.ts';
import type { RestartGate } from './restart-gate.ts';

export interface EngineDeps {
  program: Program;
  registry: Registry;
  vars: VariableStore;
  ports: Ports;
  log: LogPort;
  journal: RunJournal;
  environment: EnvironmentFacts;
  facts: SystemFacts;
  allowUnknownSteps: boolean;
  /** Compiled conditions by instruction index (compiled once per instance). */
  conditions: Map<number, CompiledCondition | null>;
  /** The step that was running when the previous instance stopped without a result. */
  interrupted?: { ip: number; attempt: number };
  /** Set by the running step's `requestShutdown()`; read and cleared when its result settles. */
  shutdownRequested?: boolean;
  /** Asked before a requested restart is recorded; without it every restart is taken to happen. */
  restart?: RestartGate;
}

/** Component names for the log. */
export const ENGINE_COMPONENT = 'TSManager';

/** The module that runs an instruction, honouring `--allow-unknown-steps` for steps with an `<action>`. */
export function moduleFor(deps: EngineDeps, instr: Instruction): StepModule | undefined {
  const type = instr.node.kind === 'group' ? undefined : instr.node.type;
  const found = deps.registry.find(type ?? '');
  if (found) return found;
  if (deps.allowUnknownSteps && instr.node.kind !== 'group' && instr.node.action) return deps.registry.commandLine();
  return undefined;
}

/** Writes a redacted log line. */
export function logLine(deps: EngineDeps, severity: 'info' | 'warning' | 'error', message: string, component = ENGINE_COMPONENT): void {
  deps.log.write({ severity, component, message: deps.vars.redact(message) });
}
