/** Pure rules for where the run goes after a step result (failure propagation as ConfigMgr does it). */
import type { Program } from '../program/index.ts';

export type AfterResult =
  | { kind: 'next'; ip: number; caughtBy?: number; abortedGroups: number[] }
  | { kind: 'sequence-failed'; abortedGroups: number[] };

/**
 * Where to continue after the step at `ip` finished.
 * A failing step without continue-on-error fails its group; the failure travels up to the nearest enclosing group
 * that continues on error, and the run continues after that group; with none, the sequence fails.
 */
export function afterResult(program: Program, ip: number, succeeded: boolean, ignoreContinueOnError = false): AfterResult {
  const instr = program.instructions[ip];
  // A container that fails (its condition could not be evaluated) is passed over as a whole.
  const after = instr.kind === 'group' ? instr.end : ip + 1;
  if (succeeded || (instr.continueOnError && !ignoreContinueOnError)) return { kind: 'next', ip: after, abortedGroups: [] };
  const aborted: number[] = [];
  let p = instr.parent;
  while (p >= 0) {
    const group = program.instructions[p];
    aborted.push(p);
    if (group.continueOnError) return { kind: 'next', ip: group.end, caughtBy: p, abortedGroups: aborted };
    p = group.parent;
  }
  return { kind: 'sequence-failed', abortedGroups: aborted };
}

/** A failure that no continue on error catches (a refused restart): every enclosing group is aborted. */
export function sequenceFailedAt(program: Program, ip: number): AfterResult {
  const aborted: number[] = [];
  for (let p = program.instructions[ip].parent; p >= 0; p = program.instructions[p].parent) aborted.push(p);
  return { kind: 'sequence-failed', abortedGroups: aborted };
}

/** Descendant step indexes of a container (for reporting a skipped group's steps). */
export function stepsInside(program: Program, groupIp: number): number[] {
  const g = program.instructions[groupIp];
  const out: number[] = [];
  for (let i = groupIp + 1; i < g.end; i++) if (program.instructions[i].kind === 'step') out.push(i);
  return out;
}
