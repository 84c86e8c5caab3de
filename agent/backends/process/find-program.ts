/** Finds the program of a command line before it starts, so a missing one is named with its Debian package. */
import { findExecutable, localToolEnvironment, type ToolEnvironment } from '../../doctor/check-tools.ts';
import { REQUIRED_TOOLS } from '../../doctor/required-tools.ts';
import { TaskseqError } from '../../../engine/index.ts';

/**
 * The path to start for `program`: as given when it holds a `/`, else the first match in the doctor's search path
 * (the PATH plus the sbin folders), so that what `taskseq doctor` reports as found is what the runner starts.
 * @throws TaskseqError `tool-missing` when it is not found
 */
export function findProgram(program: string, env: ToolEnvironment = localToolEnvironment()): string {
  if (program.includes('/')) {
    if (env.isExecutable(program)) return program;
    throw toolMissing(program, `${program} does not exist or is not executable`);
  }
  const path = findExecutable(program, env);
  if (path) return path;
  throw toolMissing(program, `${program} was not found on the PATH (${env.searchPath.join(':')})`);
}

/** The error for a program that cannot start, naming the Debian package that brings it when the doctor lists it. */
export function toolMissing(program: string, why: string): TaskseqError {
  const name = program.slice(program.lastIndexOf('/') + 1);
  const tool = REQUIRED_TOOLS.find((t) => t.platform === 'linux' && t.command === name);
  const fix = tool
    ? `install the Debian package ${tool.packageName} (taskseq doctor lists every tool taskseq needs)`
    : 'taskseq doctor does not list it, so no package is known for it';
  return new TaskseqError('tool-missing', `${why}: ${fix}`);
}
