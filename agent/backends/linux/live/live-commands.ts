/**
 * Run Command Line on the Linux live system: a command line whose program is an absolute POSIX path runs through the
 * process runner (`/bin/sh -c`, the planner's action), with the step's time-out and cancellation; any other line is a
 * Windows command line and is refused, not attempted.
 */
import { PortRefusal, type CommandsPort, EXIT_NOT_SUPPORTED } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { linuxCommandPlanner } from '../linux-command-plan.ts';
import { PLAN_DEVICE_NAMES } from '../../plan/device-names.ts';

export function createLiveCommands(run: RunProcess): CommandsPort {
  // A command line names no device: the plan's stand-in names are never used here.
  const planner = linuxCommandPlanner(PLAN_DEVICE_NAMES);
  return {
    async run(request) {
      const [action] = planner.runCommand(request);
      if (action?.kind !== 'command') {
        throw new PortRefusal('unsupported', action?.kind === 'refused' ? action.reason : 'the Linux backend cannot run this command', EXIT_NOT_SUPPORTED);
      }
      const r = await run({ argv: action.argv, cwd: request.workingDirectory, timeoutMs: request.timeoutMs, signal: request.signal });
      return { exitCode: r.exitCode, output: `${r.stdout}${r.stderr}`, ...(r.killed ? { timedOut: true } : {}) };
    },
  };
}
