/**
 * The work behind the interpreter's states. Each actor turns what happened into an event, lets `decide` say where
 * the run goes, executes the effects and hands the decision to the machine, which enters it (the journal observer
 * then writes it). Only running a step and coming back from a restart are work of their own.
 */
import { TaskseqError } from '../problems.ts';
import type { InterpreterActors } from './interpreter-machine.ts';
import { decide } from './decide.ts';
import type { Decision, DecideState, RunEvent } from './decision.ts';
import { executeStep } from './execute-step.ts';
import { executeEffects, persistable, runFacts } from './execute-effects.ts';
import { logLine, type EngineDeps } from './engine-deps.ts';

/** Restart bookkeeping of one engine instance. */
export interface BootState {
  /** The journal says a restart to this target was asked for and this instance is what came up after it. */
  pending?: { target: 'HD' | 'WinPE' };
  /** This instance asked for a restart: the run ends here and the agent restarts the machine. */
  requested?: 'HD' | 'WinPE';
}

/** Decides from `event` and executes the effects, deciding again while a condition must be evaluated. */
function decideAndExecute(deps: EngineDeps, state: DecideState, event: RunEvent): Decision {
  let decided = decide(deps.view, state, event);
  for (let asked = executeEffects(deps, decided.effects); asked; asked = executeEffects(deps, decided.effects)) {
    decided = decide(deps.view, decided.state, { type: 'condition', ip: asked.ip, verdict: asked.verdict, facts: runFacts(deps) });
  }
  return persistable(deps, decided.state);
}

/**
 * @param interrupted the step the journal says was started without a result: when the restored machine runs it
 *   again, that is an unexpected restart, which `decide` judges (once: the machine's context carries it from there)
 */
export function createRunActors(deps: EngineDeps, boot: BootState, interrupted: { ip: number; attempt: number } | undefined, finish: () => void): InterpreterActors {
  let pending = interrupted;
  return {
    dispatch: async (input) => {
      await Promise.resolve();
      const state: DecideState = { ip: input.ip, attempt: input.attempt ?? 1, ...(input.interrupted ? { interrupted: input.interrupted } : {}) };
      return decideAndExecute(deps, state, { type: 'dispatch', facts: runFacts(deps) });
    },
    runStep: async ({ ip, attempt }) => {
      // Let the observer journal "step started" before the step's first side effect.
      await Promise.resolve();
      if (pending && pending.ip === ip) {
        const event: RunEvent = { type: 'interrupted', ip, attempt: pending.attempt };
        pending = undefined;
        return decideAndExecute(deps, { ip, attempt }, event);
      }
      const run = await executeStep(deps, deps.program.instructions[ip], attempt);
      return decideAndExecute(deps, { ip, attempt }, { type: 'step-done', ip, ...run, facts: runFacts(deps) });
    },
    boot: async ({ target }) => {
      await Promise.resolve();
      if (!boot.pending) {
        boot.requested = target;
        finish();
        return new Promise<void>(() => {});
      }
      boot.pending = undefined;
      const inWinPE = deps.environment.inWinPE;
      if ((target === 'WinPE') !== inWinPE) {
        throw new TaskseqError('internal', `the machine was restarted to ${target} but came up in ${inWinPE ? 'Windows PE' : 'the full operating system'}`);
      }
      deps.journal.booted(target);
      logLine(deps, 'info', `Restarted into ${inWinPE ? 'Windows PE' : 'the full operating system'}; continuing the task sequence`);
    },
  };
}
