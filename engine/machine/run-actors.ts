/** The work behind the interpreter's states: find the next step, run it, come back from a restart. */
import { TaskseqError } from '../problems.ts';
import type { InterpreterActors } from './interpreter-machine.ts';
import { dispatch } from './dispatch.ts';
import { executeStep } from './execute-step.ts';
import { settle } from './settle.ts';
import { logLine, type EngineDeps } from './engine-deps.ts';

/** Restart bookkeeping of one engine instance. */
export interface BootState {
  /** The journal says a restart to this target was asked for and this instance is what came up after it. */
  pending?: { target: 'HD' | 'WinPE' };
  /** This instance asked for a restart: the run ends here and the agent restarts the machine. */
  requested?: 'HD' | 'WinPE';
}

export function createRunActors(deps: EngineDeps, boot: BootState, finish: () => void): InterpreterActors {
  return {
    dispatch: async ({ ip }) => {
      await Promise.resolve();
      const d = dispatch(deps, ip);
      return d.kind === 'result' ? { kind: 'settled', ip: d.ip, settled: settle(deps, d.ip, d.execution) } : d;
    },
    runStep: async ({ ip, attempt }) => {
      // Let the observer journal "step started" before the step's first side effect.
      await Promise.resolve();
      if (deps.interrupted && deps.interrupted.ip === ip) return { kind: 'interrupted' };
      const exec = await executeStep(deps, deps.program.instructions[ip], attempt);
      return { kind: 'settled', ip, settled: settle(deps, ip, exec) };
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
