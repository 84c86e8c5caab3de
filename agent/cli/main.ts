/** The `taskseq` command: parses the command line, runs one command and maps every error to the documented exit codes. */
import { CommanderError, type Command } from 'commander';
import { processIO, type CliIO } from './io.ts';
import { EXIT_INVALID, EXIT_OK, exitCodeFor } from './exit-codes.ts';
import { commandPath, createProgram, type ProgramOutcome } from './program.ts';
import { commandFailure, missingSubcommand, reportFailure, usageFailure } from './report-error.ts';

// Commander ends a parse with an exception for these too: the help or the version was printed as asked.
const ANSWERED = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const outcome: ProgramOutcome = { exitCode: EXIT_OK, helpAsError: false };
  const program = createProgram(io, outcome);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_INVALID;
  }
  const args = helpAsFlag(program, argv);
  const json = args.includes('--json');
  try {
    await program.parseAsync(args, { from: 'user' });
    return outcome.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      const path = commandPath(program, args);
      if (outcome.helpAsError) reportFailure(io, missingSubcommand(path), json);
      else if (ANSWERED.has(e.code)) return EXIT_OK;
      else reportFailure(io, usageFailure(e, path), json);
      return EXIT_INVALID;
    }
    const code = exitCodeFor(e);
    reportFailure(io, commandFailure(e, code), json);
    return code;
  }
}

/**
 * `help media build` -> `media build --help`: commander's own help command looks up one level only, and this way
 * `help X` is exactly `X --help`. A name that is no command is left without `--help` so that commander refuses it
 * with a suggestion (with `--help` it would print the parent's help instead).
 */
function helpAsFlag(program: Command, argv: string[]): string[] {
  if (argv[0] !== 'help') return argv;
  const names = argv.slice(1);
  return commandPath(program, names).length === names.length + 1 ? [...names, '--help'] : names;
}
