/**
 * How a failed command is told: one line `taskseq: <message>` on stderr (after the problem lines that add something
 * to it), or with `--json` one JSON object `{status, exitCode, message, problems}` on stdout.
 */
import type { Command, CommanderError } from 'commander';
import { formatProblem, InvalidInputError, TaskseqError, type Problem } from '../../engine/problems.ts';
import type { CliIO } from './io.ts';
import { EXIT_INVALID } from './exit-codes.ts';

/** A failure ready to print: what the line says and the problems behind it. */
export interface CliFailure {
  exitCode: number;
  message: string;
  problems: readonly Problem[];
  /** The stack of a defect, printed with `TASKSEQ_DEBUG` set. */
  stack?: string;
}

/** A command-line usage error from commander, said once, on one line, without option values (they may be secret). */
export function usageFailure(error: CommanderError, path: readonly Command[]): CliFailure {
  const where = path.slice(1).map((c) => c.name()).join(' ');
  const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')
    .replace(/'(--?[^'=\s]+)=[^']*'/g, "'$1=…'");
  const text = where ? `${where}: ${message}` : message;
  return { exitCode: EXIT_INVALID, message: text, problems: [{ severity: 'error', code: 'bad-option', message: text }] };
}

/** A command that needs a subcommand was given none. */
export function missingSubcommand(path: readonly Command[]): CliFailure {
  const command = path[path.length - 1];
  const where = path.slice(1).map((c) => c.name()).join(' ');
  const subs = command.commands.map((c) => c.name()).filter((n) => n !== 'help').join(', ');
  const message = `${where}: expected a subcommand (${subs}); see taskseq ${where} --help`;
  return { exitCode: EXIT_INVALID, message, problems: [{ severity: 'error', code: 'bad-option', message }] };
}

/** An error a command threw, with the exit code it maps to. */
export function commandFailure(error: unknown, exitCode: number): CliFailure {
  const problems = error instanceof InvalidInputError ? error.problems : [];
  if (error instanceof TaskseqError) return { exitCode, message: error.message, problems };
  const e = error as Error | undefined;
  return { exitCode, message: `internal error: ${e?.message ?? String(error)}`, problems, stack: String(e?.stack ?? '') };
}

/** Prints `failure` once: as text on stderr, or as the JSON object on stdout. */
export function reportFailure(io: CliIO, failure: CliFailure, json: boolean): void {
  const { exitCode, message, problems } = failure;
  if (json) {
    io.out(JSON.stringify({ status: exitCode === EXIT_INVALID ? 'invalid' : 'error', exitCode, message, problems }));
    return;
  }
  // The message of an option error says all its problem does, and a problem whose text the message already holds
  // would only say it a second time: both are left out.
  for (const p of problems) if (p.code !== 'bad-option' && !message.includes(p.message)) io.err(formatProblem(p));
  io.err(`taskseq: ${message.replace(/\s*\n\s*/g, ' ')}`);
  if (failure.stack && process.env.TASKSEQ_DEBUG) io.err(failure.stack);
}
