/**
 * The `taskseq` program as commander sees it: name, version, help and the commands. Commander never exits the
 * process and never writes an error itself: errors come back as exceptions and `main` prints each one once.
 */
import { Command } from 'commander';
import type { CliIO } from './io.ts';
import { defineCommands, type Outcome } from './command-definitions.ts';
import { packageVersion } from './package-version.ts';

const EXIT_CODES = '\nExit codes: 0 succeeded, 1 the sequence failed, 2 invalid input, 3 internal error.\n'
  + 'taskseq help <command> (or taskseq <command> --help) shows the options of a command.';

/** What one parse left behind besides its exit code: whether commander wanted to show help as an error. */
export interface ProgramOutcome extends Outcome {
  /** Set when a command that needs a subcommand got none (commander then writes its help to stderr). */
  helpAsError: boolean;
}

/** A fresh program writing through `io`; actions store their exit code in `outcome`. */
export function createProgram(io: CliIO, outcome: ProgramOutcome): Command {
  const program = new Command('taskseq')
    .description('run ConfigMgr and MDT task sequences on simulated and real machines')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [command...]', 'show the help of a command')
    // Settings made before the commands are added are inherited by every command and subcommand.
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.out(text),
      // Commander writes only help-as-error here (its errors go to outputError): `main` prints one line instead.
      writeErr: () => {
        outcome.helpAsError = true;
      },
      outputError: () => {},
    })
    .addHelpText('after', EXIT_CODES);
  defineCommands(program, io, outcome);
  return program;
}

/** The commands `args` names, outermost first (`media build --out x` -> taskseq, media, build). */
export function commandPath(program: Command, args: readonly string[]): Command[] {
  const path = [program];
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    const sub = path[path.length - 1].commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    path.push(sub);
  }
  return path;
}
