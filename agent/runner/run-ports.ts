/**
 * The engine's ports for a run: the machine's own, with the run's commands hooks (signal turns, the crash-test hook)
 * and what the run brings from elsewhere: content, the Drivers port over the machine's devices and the driver
 * catalog, and the state migration point; the operations whose refusals mean an exit code throw PortRefusal.
 */
import { refusingPorts, type CommandsPort, type ContentPort, type Ports } from '../../engine/index.ts';
import type { Backend } from '../backends/backend.ts';
import { createDriversPort } from '../drivers/drivers-port.ts';
import { createStateMigrationClient, NO_STATE_MIGRATION_POINT } from '../state-migration/smp-client.ts';
import { withCrashHook } from './crash-hook.ts';
import type { ContentOptions } from './deployment-options.ts';
import { withSignalTurns } from './signal-turns.ts';

export interface RunPorts {
  /** The machine's commands as the steps and the prestart command run them. */
  commands: CommandsPort;
  /** Fresh ports for one engine instance (the driver catalog is read again after a restart). */
  forBoot(): Ports;
}

export function createRunPorts(backend: Backend, content: ContentPort, options: Pick<ContentOptions, 'drivers' | 'stateMigrationPoint'>): RunPorts {
  const machine = backend.ports;
  const commands = withCrashHook(withSignalTurns(machine.commands));
  const smp = options.stateMigrationPoint ? createStateMigrationClient(options.stateMigrationPoint) : NO_STATE_MIGRATION_POINT;
  return {
    commands,
    // Refusing: whichever backend, content source or state migration point serves an operation, its refusals reach
    // the steps with the exit codes of engine/ports/port-refusals.ts.
    forBoot: () => refusingPorts({
      ...machine, commands, content,
      drivers: createDriversPort({ devices: () => backend.devices(), catalogDir: options.drivers, content }),
      userState: { ...machine.userState, requestStore: (r) => smp.requestStore(r), releaseStore: (id, kind) => smp.releaseStore(id, kind) },
    }),
  };
}
