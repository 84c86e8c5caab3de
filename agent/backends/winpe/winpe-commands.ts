/**
 * Run Command Line on Windows: the step's command line goes to the runner as written (the planner's `line`), in the
 * step's working folder, with its time-out and cancellation. PowerShell steps are refused in this version: their
 * script file is not written yet.
 */
import { EXIT_NOT_SUPPORTED, PortRefusal, type CommandsPort } from '../../../engine/index.ts';
import type { CommandPlanner } from '../plan/command-plan.ts';
import { WINPE_POWERSHELL_REFUSAL } from './winpe-call-refusal.ts';
import type { RunProcess } from '../process/process-types.ts';

export function createWindowsCommands(run: RunProcess, planner: CommandPlanner): CommandsPort {
  return {
    async run(request) {
      if (request.kind === 'powershell') {
        throw new PortRefusal('unsupported', WINPE_POWERSHELL_REFUSAL, EXIT_NOT_SUPPORTED);
      }
      const [action] = planner.runCommand(request);
      if (action?.kind !== 'command' || action.line === undefined) {
        throw new PortRefusal('unsupported', action?.kind === 'refused' ? action.reason : 'the Windows backend cannot run this command', EXIT_NOT_SUPPORTED);
      }
      const cwd = request.workingDirectory ?? request.packagePath;
      const r = await run({
        argv: [], line: action.line, ...(cwd ? { cwd } : {}), ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      return { exitCode: r.exitCode >>> 0, output: `${r.stdout}${r.stderr}`, ...(r.killed ? { timedOut: true } : {}) };
    },
  };
}
