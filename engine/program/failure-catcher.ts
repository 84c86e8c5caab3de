/** Who catches a step's failure: the question that decides whether a failure ends the run. */
import type { Program } from './instruction.ts';

/**
 * What stops a failure of the instruction at `index` from ending the run: `step` when it continues on error itself,
 * the index of the nearest enclosing container that continues on error (the run goes on after that container), or
 * undefined when the failure fails the sequence. `ownIgnored` is for modules whose continue-on-error setting has no
 * effect (`StepModule.continueOnError: 'ignored'`): their own setting does not count, a group around them still does.
 * This is the same walk as the interpreter's failure propagation (`engine/machine/transitions.ts`), asked before the
 * run.
 */
export function failureCatcher(program: Program, index: number, ownIgnored = false): 'step' | number | undefined {
  const instr = program.instructions[index];
  if (instr.continueOnError && !ownIgnored) return 'step';
  for (let p = instr.parent; p >= 0; p = program.instructions[p].parent) {
    if (program.instructions[p].continueOnError) return p;
  }
  return undefined;
}
