/**
 * Every `taskseq` command: its arguments, options (one help line each), examples and an action that loads the
 * command's module only when it runs, so that `taskseq validate` never pays for the run's or the builder's libraries.
 * Option values arrive as text and are checked by the command modules.
 */
import type { Command } from 'commander';
import { DEFAULT_MACHINE } from '../backends/default-machine.ts';
import type { CliIO } from './io.ts';
import type { RunOptions } from './run-command.ts';
import type { PlanOptions } from './plan-command.ts';
import type { ValidateOptions } from './validate-command.ts';
import type { ConvertOptions } from './convert-command.ts';
import type { MachinesOptions } from './machines-command.ts';
import type { MediaBuildOptions } from './media-command.ts';
import type { DriversExplainOptions } from './drivers-command.ts';
import type { DoctorCliOptions } from './doctor-command.ts';

/** Where an action leaves its exit code (commander's parse resolves to the program, not to the action's value). */
export interface Outcome {
  exitCode: number;
}

/** A repeatable option: each use adds its value. */
function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/** Adds run, plan, validate, convert, machines, media build, drivers explain and doctor to `program`. */
export function defineCommands(program: Command, io: CliIO, outcome: Outcome): void {
  defineRun(program, io, outcome);
  definePlan(program, io, outcome);
  defineValidate(program, io, outcome);
  defineConvert(program, io, outcome);
  defineMachines(program, io, outcome);
  defineMediaBuild(program, io, outcome);
  defineDriversExplain(program, io, outcome);
  defineDoctor(program, io, outcome);
}

/** The options `run` and `plan` share, in this order: what the walk is given besides the machine. */
function sequenceOptions(command: Command): Command {
  return command
    .option('--drivers <dir>', 'driver catalog, one folder per driver package')
    .option('--children <dir>', 'folder or zip of Run Task Sequence children')
    .option('--media-type <type>', 'BootMedia, FullMedia, OEMMedia or PXE')
    .option('--var <name=value>', 'set a variable before the first step (repeat)', repeatable)
    .option('--secret-var <name=value>', 'the same, as a secret (never shown)', repeatable);
}

function defineRun(program: Command, io: CliIO, outcome: Outcome): void {
  const run = program.command('run').summary('run a task sequence on a machine')
    .description(`run a task sequence on a machine (default: the simulated ${DEFAULT_MACHINE})`)
    .argument('[file]', 'the task sequence (XML, export .zip or JSON)')
    .option('--machine <name|file|local>', `machine profile or local (default ${DEFAULT_MACHINE})`)
    .option('--backend <kind>', 'simulated, linux or winpe (local: this OS\'s)')
    .option('--target-disk <N|/dev/X>', 'a disk a live run may change (repeat)', repeatable)
    .option('--yes', 'a live run may change the disks the steps name')
    .option('--firmware <UEFI|BIOS>', 'live: the firmware the PC will boot with')
    .option('--share <\\\\server\\share=dir>', 'a network share, mounted at dir (repeat)', repeatable)
    .option('--content <dir>', 'package content, one folder per package id')
    .option('--source <url>', 'deployment source; repeatable, tried in order', repeatable)
    .option('--ca-bundle <file>', 'PEM CA certificates for HTTPS')
    .option('--cache <dir>', 'the task sequence cache (under --state-dir)')
    .option('--status-url <url>', 'POST JSON status events to this http(s) URL')
    .option('--state-migration-point <url>', 'base URL of the state migration point');
  sequenceOptions(run)
    .option('--state-dir <dir>', 'journal and machine state (.taskseq/state)')
    .option('--log-dir <dir>', 'where smsts.log goes (.taskseq/logs)')
    .option('--log-format <cmtrace|json>', 'log line format (default cmtrace)')
    .option('--strict-commands', 'unscripted commands fail instead of warning')
    .option('--allow-unknown-steps', 'run unknown step types as their command line')
    .option('--reset', 'discard the state folder, start from step one')
    .option('--json', 'progress to stderr, a JSON report on stdout')
    .option('--media <dir>', 'run the task sequence of a media folder')
    .option('--password-file <file>', "media password: the file's first line")
    .option('--media-path <dir>', 'folder of another media part (repeatable)', repeatable)
    .addHelpText('after', examples(
      'taskseq run ts.xml --machine bios-desktop --var OSDComputerName=LAB01',
      'taskseq run --source https://dp1.example/taskseq --json',
      'taskseq run --media /mnt/usb --password-file pw.txt',
    ))
    .action(async (file: string | undefined, options: RunOptions) => {
      outcome.exitCode = await (await import('./run-command.ts')).runCommand(file, options, io);
    });
}

function defineValidate(program: Command, io: CliIO, outcome: Outcome): void {
  program.command('validate').description('check a task sequence; exit 0 valid, 2 invalid')
    .argument('<file>', 'the task sequence, any form run reads')
    .option('--json', 'print the result as one JSON object')
    .option('--children <dir>', 'folder or zip of Run Task Sequence children')
    .option('--allow-unknown-steps', 'accept unknown step types that have an action')
    .option('--media-type <type>', 'FullMedia adds the stand-alone media rules')
    .addHelpText('after', examples('taskseq validate ts.xml', 'taskseq validate ts.xml --media-type FullMedia --json'))
    .action(async (file: string, options: ValidateOptions) => {
      outcome.exitCode = await (await import('./validate-command.ts')).validateCommand(file, options, io);
    });
}

function defineConvert(program: Command, io: CliIO, outcome: Outcome): void {
  program.command('convert').summary('convert between XML and JSON')
    .description('convert a task sequence between XML and JSON (lossless)')
    .argument('<file>', 'the task sequence to convert')
    .option('--to <json|xml>', 'the form to write (required)')
    .option('--out <file>', 'write there instead of stdout')
    .addHelpText('after', examples('taskseq convert ts.xml --to json --out ts.json', 'taskseq convert ts.json --to xml'))
    .action(async (file: string, options: ConvertOptions) => {
      outcome.exitCode = await (await import('./convert-command.ts')).convertCommand(file, options, io);
    });
}

function defineMachines(program: Command, io: CliIO, outcome: Outcome): void {
  program.command('machines').summary('list the built-in machine profiles')
    .description('list the built-in machine profiles, or capture this PC')
    .option('--json', 'print the list as JSON')
    .option('--capture <local>', 'print a profile of this PC instead')
    .addHelpText('after', examples('taskseq machines', 'taskseq machines --capture local > my-pc.json'))
    .action(async (options: MachinesOptions) => {
      outcome.exitCode = await (await import('./machines-command.ts')).machinesCommand(options, io);
    });
}

function defineMediaBuild(program: Command, io: CliIO, outcome: Outcome): void {
  const media = program.command('media').summary('build media folders')
    .description('build media folders (stand-alone, boot, prestaged)')
    .addHelpText('after', examples('taskseq media build --sequence ts.xml --content content --out usb'));
  media.command('build').description('write a media folder for a task sequence')
    .option('--sequence <file>', 'the task sequence (required)')
    .option('--out <dir>', 'the media folder to create, new or empty (required)')
    .option('--content <dir>', 'package content, one folder per package id')
    .option('--type <type>', 'standalone (default), boot or prestaged')
    .option('--password-file <file>', "protect the media with the file's first line")
    .option('--protect', 'protect it with a password asked on the terminal')
    .option('--valid-from <time>', 'start of validity: ISO-8601 date or zoned time')
    .option('--valid-until <time>', 'end of validity: ISO-8601 date or zoned time')
    .option('--var <name=value>', 'a media variable (repeatable)', repeatable)
    .option('--secret-var <name=value>', 'a secret media variable (repeatable)', repeatable)
    .option('--prestart <command>', 'the prestart command line')
    .option('--prestart-files <dir>', 'folder copied to <media>/prestart/')
    .option('--source <url>', 'deployment source base URL (repeatable)', repeatable)
    .option('--ca-bundle <file>', 'PEM CA certificates for HTTPS sources')
    .option('--part-size <bytes>', 'split the content into parts of this size')
    .option('--children <dir>', 'folder or zip of Run Task Sequence children')
    .option('--allow-unknown-steps', 'accept unknown step types that have an action')
    .option('--force', 'empty an existing media folder, keeping the folder')
    .option('--json', 'print the build report as one JSON object')
    .addHelpText('after', examples(
      'taskseq media build --sequence ts.xml --content content --out usb',
      'taskseq media build --sequence ts.xml --type boot --source https://dp1.example/taskseq --out boot',
      'taskseq media build --sequence ts.xml --content content --out set --part-size 4000000000 --protect',
    ))
    .action(async (options: MediaBuildOptions) => {
      outcome.exitCode = await (await import('./media-command.ts')).mediaBuildCommand(options, io);
    });
}

function defineDriversExplain(program: Command, io: CliIO, outcome: Outcome): void {
  const drivers = program.command('drivers').summary('explain driver matching')
    .description('explain which driver each device of a machine gets')
    .addHelpText('after', examples('taskseq drivers explain --machine uefi-laptop --catalog drivers'));
  drivers.command('explain').description('which catalog driver each device of a machine gets, and why')
    .option('--machine <name|file|local>', `machine profile (default ${DEFAULT_MACHINE})`)
    .option('--catalog <dir>', 'driver catalog, one folder per package (required)')
    .option('--os-version <version>', 'target Windows version (default 10.0.22631)')
    .option('--architecture <arch>', "x64, x86 or arm64 (default: the profile's)")
    .option('--signed-only', 'leave out unsigned drivers')
    .option('--json', 'print the explanation as one JSON object')
    .addHelpText('after', examples(
      'taskseq drivers explain --machine uefi-laptop --catalog drivers',
      'taskseq drivers explain --machine local --catalog drivers --signed-only --json',
    ))
    .action(async (options: DriversExplainOptions) => {
      outcome.exitCode = await (await import('./drivers-command.ts')).driversExplainCommand(options, io);
    });
}

function defineDoctor(program: Command, io: CliIO, outcome: Outcome): void {
  program.command('doctor').summary('check the tools each backend needs')
    .description('the Node version and the external tools each backend needs, found or missing')
    .option('--for <use>', 'only the tools of simulated, linux, winpe or tests (repeatable)', repeatable)
    .option('--install', 'install missing Debian packages (root or sudo -n)')
    .option('--quiet', 'print nothing when every tool is there')
    .option('--json', 'print a machine-readable report')
    .addHelpText('after', examples(
      'taskseq doctor',
      'taskseq doctor --for tests --json',
      'taskseq doctor --for simulated --install',
    ))
    .action(async (options: DoctorCliOptions) => {
      outcome.exitCode = await (await import('./doctor-command.ts')).doctorCommand(options, io);
    });
}

function definePlan(program: Command, io: CliIO, outcome: Outcome): void {
  const plan = program.command('plan').summary('print the commands a live backend would run')
    .description('walk a task sequence without changing anything and print, under each step, every command the live backend would run')
    .argument('[file]', 'task sequence file (.xml, .zip or .json)')
    .option('--backend <kind>', "linux or winpe (default: this platform's)")
    .option('--machine <name|file|local>', `the machine whose facts decide the conditions (default ${DEFAULT_MACHINE})`)
    .option('--share <\\\\server\\share=dir>', 'a network share, mounted at dir (repeat)', repeatable)
    .option('--content <dir>', 'package content, one folder per package id');
  sequenceOptions(plan)
    .option('--allow-unknown-steps', 'walk unknown step types as their command line')
    .option('--json', 'print the plan as one JSON object')
    .addHelpText('after', examples(
      'taskseq plan examples/deploy-windows.xml --backend linux',
      'taskseq plan ts.xml --backend winpe --machine bios-desktop --json',
    ))
    .action(async (file: string | undefined, options: PlanOptions) => {
      outcome.exitCode = await (await import('./plan-command.ts')).planCommand(file, options, io);
    });
}
