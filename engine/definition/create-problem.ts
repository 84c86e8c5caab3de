/** One place that builds `Problem`s, so that absent fields are absent (not `undefined`) and output stays stable. */
import type { Problem } from '../problems.ts';

/** The fields of a problem; undefined or empty ones are dropped. */
export type ProblemFields = Problem;

/** Builds a problem, dropping fields that are undefined or empty. */
export function createProblem(fields: ProblemFields): Problem {
  const p: Problem = { severity: fields.severity, code: fields.code, message: fields.message };
  if (fields.file) p.file = fields.file;
  if (fields.path) p.path = fields.path;
  if (fields.field) p.field = fields.field;
  if (fields.line !== undefined) p.line = fields.line;
  if (fields.column !== undefined) p.column = fields.column;
  return p;
}
