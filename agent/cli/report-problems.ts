/** Problems as text lines or JSON. */
import { formatProblem, type Problem } from '../../engine/index.ts';
import type { CliIO } from './io.ts';

export function printProblems(io: CliIO, problems: readonly Problem[]): void {
  for (const p of problems) io.err(formatProblem(p));
}

export function counts(problems: readonly Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}
