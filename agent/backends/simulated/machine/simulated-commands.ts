/**
 * CommandsPort of the simulated machine: built-in exit commands, then the host's built-in tools (MBR2GPT), then the
 * profile's command table (first match wins), then the unscripted fallback. Commands take virtual time; nothing is
 * spawned.
 */
import type { CommandRequest, CommandResult, CommandsPort } from '../../../../engine/index.ts';
import { EXIT_TIMEOUT } from '../../../../engine/step-exit-codes.ts';
import { parseExitCommand } from './exit-command.ts';
import type { CommandScript } from '../profile/profile-types.ts';
import type { VirtualClock } from './virtual-clock.ts';

/** Shown instead of a command line that carries a secret. */
export const SECRET_COMMAND_LINE = '[secret command line]';


/** Exit code of an unscripted command with `strictCommands` (ERROR_FILE_NOT_FOUND). */
export const NOT_SCRIPTED_EXIT_CODE = 2;

export interface CommandRecord {
  /** The command line, or {@link SECRET_COMMAND_LINE}. */
  commandLine: string;
  exitCode: number;
  /** ISO 8601 virtual time the command started. */
  at: string;
}

/** The machine state the commands port reads and updates. */
export interface CommandHost {
  profileName: string;
  commands: readonly CommandScript[];
  strict: boolean;
  clock: VirtualClock;
  /** Runs so far per command table entry (same index); updated in place. */
  runCounts: number[];
  /** Called once per finished command, after the clock moved; the host persists its state here. */
  record(entry: CommandRecord): void;
  /** Tools the machine itself simulates: their result, or undefined when the command line is not one of them. */
  builtin?(commandLine: string): CommandResult | undefined;
}

/** Virtual seconds a built-in tool takes. */
const BUILTIN_SECONDS = 5;

interface Outcome {
  result: CommandResult;
  durationSeconds: number;
}

function texts(request: CommandRequest): string[] {
  const out = [request.commandLine];
  if (request.kind === 'powershell' && request.script) {
    if (request.script.fileName) out.push(request.script.fileName);
    if (request.script.source) out.push(request.script.source);
  }
  return out;
}

function findEntry(host: CommandHost, request: CommandRequest): number {
  const candidates = texts(request);
  return host.commands.findIndex((c, i) => {
    if (c.times !== undefined && (host.runCounts[i] ?? 0) >= c.times) return false;
    const re = new RegExp(c.match, 'i');
    return candidates.some((t) => re.test(t));
  });
}

function scriptedOutcome(entry: CommandScript): Outcome {
  const vars: Record<string, string> = { ...entry.setVariables };
  if (entry.reboot) vars.SMSTSRebootRequested = entry.reboot;
  if (entry.retry) vars.SMSTSRetryRequested = 'true';
  const result: CommandResult = { exitCode: entry.exitCode ?? 0, output: entry.output ?? '' };
  if (Object.keys(vars).length > 0) result.setVariables = vars;
  return { result, durationSeconds: entry.durationSeconds ?? 1 };
}

function unscriptedOutcome(host: CommandHost, shown: string): Outcome {
  if (host.strict) {
    const output = `command not scripted in machine profile ${host.profileName}: ${shown}`;
    return { result: { exitCode: NOT_SCRIPTED_EXIT_CODE, output }, durationSeconds: 1 };
  }
  const warning = `command not scripted in machine profile ${host.profileName}; assumed success: ${shown}`;
  return { result: { exitCode: 0, output: '', warnings: [warning] }, durationSeconds: 1 };
}

function decide(host: CommandHost, request: CommandRequest, shown: string): Outcome {
  const exitCode = parseExitCommand(request.commandLine);
  if (exitCode !== undefined) return { result: { exitCode, output: '' }, durationSeconds: 1 };
  const tool = host.builtin?.(request.commandLine);
  if (tool) return { result: tool, durationSeconds: BUILTIN_SECONDS };
  const index = findEntry(host, request);
  if (index < 0) return unscriptedOutcome(host, shown);
  host.runCounts[index] = (host.runCounts[index] ?? 0) + 1;
  return scriptedOutcome(host.commands[index]);
}

function timedOut(ms: number): CommandResult {
  return { exitCode: EXIT_TIMEOUT, output: `timed out after ${ms / 1000} s (virtual time)`, timedOut: true };
}

/** Runs one request against the machine: decides the outcome, spends its virtual time, then records it. */
async function runSimulated(host: CommandHost, request: CommandRequest): Promise<CommandResult> {
  const shown = request.secret ? SECRET_COMMAND_LINE : request.commandLine;
  const startedAt = host.clock.now();
  let result: CommandResult;
  if (request.signal?.aborted) {
    result = timedOut(0);
  } else {
    const outcome = decide(host, request, shown);
    const durationMs = outcome.durationSeconds * 1000;
    const limit = request.timeoutMs;
    host.clock.advance(limit !== undefined && durationMs > limit ? limit : durationMs);
    if (limit !== undefined && durationMs > limit) result = timedOut(limit);
    else if (request.signal?.aborted) result = timedOut(host.clock.now() - startedAt);
    else result = outcome.result;
  }
  host.record({ commandLine: shown, exitCode: result.exitCode, at: new Date(startedAt).toISOString() });
  return result;
}

/** A CommandsPort answering from the machine profile. */
export function createSimulatedCommands(host: CommandHost): CommandsPort {
  return { run: (request) => runSimulated(host, request) };
}
