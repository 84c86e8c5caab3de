/**
 * The simulated machine as a run's {@link Backend}: a validated profile bound to the machine folder of the state
 * folder. The saved machine state is read once, whether the clock asks first or the start does.
 */
import type { Backend, BackendFactory } from '../backend.ts';
import { devicesFromProfile } from '../../drivers/drivers-port.ts';
import type { ConnectedShare } from '../host-files/shares.ts';
import { createSimulatedDestination } from './content/simulated-destination.ts';
import { readMachineState, stateFilePath, type MachineState } from './machine/machine-state.ts';
import type { MachineProfile } from './profile/profile-types.ts';
import { startSimulatedMachine, type SimulatedMachine } from './machine/simulated-machine.ts';

/** The simulated machine `profile` (already validated) keeping its state in `machineDir`, reaching `options.shares`. */
export function simulatedBackend(profile: MachineProfile, machineDir: string, options: { local: boolean; shares?: readonly ConnectedShare[] }): BackendFactory {
  const description = `simulated machine ${profile.name}`;
  const file = stateFilePath(machineDir);
  let saved: { state: MachineState | undefined } | undefined;
  const savedState = (): MachineState | undefined => (saved ??= { state: readMachineState(file, profile) }).state;
  return {
    description,
    clockBeforeStart(reset) {
      if (options.local) return { now: Date.parse(profile.firmware.clock), source: "this computer's clock" };
      const state = reset ? undefined : savedState();
      if (state) return { now: Date.parse(state.clock), source: `${description}: the clock saved in ${file}` };
      return { now: Date.parse(profile.firmware.clock), source: `${description}: the firmware clock of its profile` };
    },
    async start(start) {
      const machine = startSimulatedMachine(profile, {
        stateDir: machineDir, strictCommands: start.strictCommands, mediaType: start.mediaType, launchMode: start.launchMode,
        shares: options.shares,
      }, start.fresh ? undefined : savedState());
      return asBackend(machine, description);
    },
  };
}

function asBackend(machine: SimulatedMachine, description: string): Backend {
  return {
    description,
    ports: machine.ports,
    packageDestination: createSimulatedDestination(machine.volumes),
    devices: () => devicesFromProfile(machine.profile.pnpDevices),
    restartRefusal: (target, options) => machine.restartRefusal(target, options)?.message,
    restart: async (target, options) => {
      const booted = machine.reboot(target, options);
      machine.save();
      return booted;
    },
    save: () => machine.save(),
    finalState: () => machine.finalState(),
    diskImages: () => machine.diskImages(),
  };
}
