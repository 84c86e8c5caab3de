/**
 * Lets signals in. Node runs signal listeners (the state folder lock's release) only when its event loop turns, and a
 * simulated run resolves everything as promise jobs: without a turn now and then, Ctrl-C would wait for the run's end.
 */
import type { CommandsPort } from '../../engine/index.ts';

/** The commands port, turning the event loop once before each command (a few microseconds). */
export function withSignalTurns(commands: CommandsPort): CommandsPort {
  return {
    run: async (request) => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return commands.run(request);
    },
  };
}
