/** The `taskseq` command: dispatches to a command and maps every error to the documented exit codes. */
import { formatProblem, InvalidInputError, TaskseqError } from '../../engine/problems.ts';
import { processIO, type CliIO } from './io.ts';
import { exitCodeFor, EXIT_INVALID } from './exit-codes.ts';

const USAGE = `usage: taskseq <command> [options]
  run <file>        run a task sequence on a machine (default: the built-in simulated uefi-desktop)
  run --media DIR   run the task sequence of a media folder (stand-alone media: its content too)
  validate <file>   check a task sequence; exit 0 valid, 2 invalid
  media build       build a media folder (--sequence F --content DIR --out DIR [--type standalone|boot|prestaged])
  convert <file>    convert between XML and JSON (--to json|xml)
  machines          list the built-in machine profiles (--capture local: profile of this PC)
  drivers explain   which catalog driver each device of a machine gets, and why (--machine M --catalog DIR)
  doctor            the Node version and the external tools each backend needs (--install, --for tests, --json)
exit codes: 0 succeeded, 1 the sequence failed, 2 invalid input, 3 internal error`;

type Command = (args: string[], io: CliIO) => Promise<number>;

// Each command loads only what it needs: `validate` must start fast (no logging, machine or hardware libraries).
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run-command.ts')).runCommand,
  validate: async () => (await import('./validate-command.ts')).validateCommand,
  convert: async () => (await import('./convert-command.ts')).convertCommand,
  machines: async () => (await import('./machines-command.ts')).machinesCommand,
  media: async () => (await import('./media-command.ts')).mediaCommand,
  drivers: async () => (await import('./drivers-command.ts')).driversCommand,
  doctor: async () => (await import('./doctor-command.ts')).doctorCommand,
};

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : EXIT_INVALID;
  }
  const load = COMMANDS[command];
  if (!load) {
    io.err(`taskseq: unknown command "${command}"\n${USAGE}`);
    return EXIT_INVALID;
  }
  const json = rest.includes('--json');
  try {
    return await (await load())(rest, io);
  } catch (e) {
    const code = exitCodeFor(e);
    report(io, e, code, json);
    return code;
  }
}

function report(io: CliIO, e: unknown, code: number, json: boolean): void {
  const problems = e instanceof InvalidInputError ? e.problems : [];
  const message = e instanceof TaskseqError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
  if (json) {
    io.out(JSON.stringify({ status: code === EXIT_INVALID ? 'invalid' : 'error', exitCode: code, message, problems }));
    return;
  }
  for (const p of problems) io.err(formatProblem(p));
  io.err(`taskseq: ${message}`);
  if (!(e instanceof TaskseqError) && process.env.TASKSEQ_DEBUG) io.err(String((e as Error)?.stack ?? ''));
}
