/**
 * A preflight finding that makes one step certain to fail if it runs is not, by itself, a reason to refuse the
 * sequence: ConfigMgr starts the step, the step fails, and continue on error (on the step or a group around it)
 * decides whether the run goes on. Such a finding is an error only when that failure would end the run; when it is
 * caught, it is a warning, and the step is marked so that the engine fails it when it is reached instead of running
 * it. Findings about the sequence as a whole (its structure, conditions, children, sequence variables) carry no
 * step and stay as they are.
 */
import type { Problem } from '../problems.ts';
import type { CertainFailure, Instruction, Program } from '../program/index.ts';
import { failureCatcher } from '../program/index.ts';
import {
  EXIT_ACCESS_DENIED, EXIT_CONTENT_NOT_FOUND, EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED,
} from '../step-exit-codes.ts';

/** The step a finding is certain to fail, and how. */
export interface StepFailure {
  /** Instruction index of the step. */
  index: number;
  exitCode: number;
  /**
   * Something this engine or the media cannot do rather than a defect of the file: `validate` reports it as a
   * warning even when its failure would end a run (the file is fine; a run refuses it).
   */
  engineLimit: boolean;
}

/** One preflight finding: a problem, and the step it makes certain to fail when it is about one. */
export interface PreflightFinding {
  problem: Problem;
  failure?: StepFailure;
}

/** Codes of findings that are limits of this engine or the media, not defects of the file. */
const ENGINE_LIMITS = new Set(['unsupported-step-type', 'unsupported-step']);

/**
 * The exit code a step gets for a finding: what its module would return for the same thing at run time, so that
 * `_SMSTSLastActionRetCode` reads the same whether the failure was found before or during the run.
 */
const EXIT_CODES: Readonly<Record<string, number>> = {
  'read-only-variable': EXIT_ACCESS_DENIED,
  'unsupported-step-type': EXIT_NOT_SUPPORTED,
  'unsupported-step': EXIT_NOT_SUPPORTED,
  'unsupported-on-standalone-media': EXIT_NOT_SUPPORTED,
  'run-as-in-winpe': EXIT_NOT_SUPPORTED,
};

/** The exit code of a step whose content is not in any content source (the preflight's content check). */
export const CONTENT_FAILURE_EXIT_CODE = EXIT_CONTENT_NOT_FOUND;

/**
 * A finding that `problem` (an error about the step `instr`) makes the step certain to fail, with the exit code its
 * code maps to (ERROR_INVALID_PARAMETER for an option the module refuses) unless `exitCode` is given.
 */
export function stepFailureFinding(problem: Problem, instr: Instruction, exitCode?: number): PreflightFinding {
  return {
    problem,
    failure: {
      index: instr.index,
      exitCode: exitCode ?? EXIT_CODES[problem.code] ?? EXIT_INVALID_PARAMETER,
      engineLimit: ENGINE_LIMITS.has(problem.code),
    },
  };
}

export interface JudgeRequest {
  program: Program;
  mode: 'validate' | 'run';
  /** True for a step whose own continue-on-error setting has no effect (`StepModule.continueOnError: 'ignored'`). */
  ownContinueIgnored(instr: Instruction): boolean;
}

/** A judged finding: the problem as reported, and the failure to mark its step with when it is caught. */
export interface Judged {
  problem: Problem;
  caught?: CertainFailure;
}

/**
 * Decides how one finding is reported. A finding without a step, or a warning, is reported as found. An error that
 * makes a step certain to fail is a warning when the failure is caught (by the step's own continue on error, unless
 * its module ignores it, or by a group around it) and comes back with the failure to mark the step with; otherwise it
 * stays an error, except that an engine limit is a warning in `validate`.
 */
export function judgeFinding(finding: PreflightFinding, req: JudgeRequest): Judged {
  const { problem, failure } = finding;
  if (!failure || problem.severity !== 'error') return { problem };
  const instr = req.program.instructions[failure.index];
  const catcher = failureCatcher(req.program, failure.index, req.ownContinueIgnored(instr));
  if (catcher === undefined) {
    if (failure.engineLimit && req.mode === 'validate') return { problem: { ...problem, severity: 'warning', message: `${problem.message} (a run refuses it)` } };
    return { problem };
  }
  const how = catcher === 'step'
    ? `the step continues on error, so a run fails it (exit code ${failure.exitCode}) and goes on`
    : `the group ${req.program.instructions[catcher].path} continues on error, so a run fails the step (exit code ${failure.exitCode}) and continues after that group`;
  return {
    problem: { ...problem, severity: 'warning', message: `${problem.message}; ${how}` },
    caught: { code: problem.code, message: problem.message, exitCode: failure.exitCode, ...(problem.field ? { field: problem.field } : {}) },
  };
}

/**
 * The program with each step in `failures` marked (the first failure found for a step wins). The input program is
 * not changed; without failures it is returned as it is.
 */
export function markCertainFailures(program: Program, failures: ReadonlyMap<number, CertainFailure>): Program {
  if (failures.size === 0) return program;
  const instructions = program.instructions.map((i) => {
    const failure = failures.get(i.index);
    return failure ? { ...i, certainFailure: failure } : i;
  });
  return { ...program, instructions };
}
