/**
 * Testing hook for crash tests: `TASKSEQ_TEST_KILL_AFTER_COMMANDS=n` kills the process with SIGKILL right after the
 * n-th command has run and the machine has recorded it, i.e. in the middle of a step (its side effect done, its
 * result not yet journalled). Unset = never.
 */
import type { CommandsPort } from '../../engine/index.ts';

export const KILL_AFTER_COMMANDS_ENV = 'TASKSEQ_TEST_KILL_AFTER_COMMANDS';

export function withCrashHook(commands: CommandsPort, raw = process.env[KILL_AFTER_COMMANDS_ENV]): CommandsPort {
  const killAfter = raw ? Number(raw) : undefined;
  if (killAfter === undefined || !Number.isInteger(killAfter) || killAfter < 1) return commands;
  let count = 0;
  return {
    run: async (request) => {
      const result = await commands.run(request);
      if (++count === killAfter) process.kill(process.pid, 'SIGKILL');
      return result;
    },
  };
}
