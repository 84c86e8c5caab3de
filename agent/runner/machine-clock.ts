/** The time the machine's clock shows before a run starts it, for checks such as a media's validity window. */
import { join } from 'node:path';
import type { MachineProfile } from '../backends/simulated/index.ts';
import { readMachineState, stateFilePath } from '../backends/simulated/machine/machine-state.ts';
import type { ClockReading } from '../media/media-validity.ts';

/**
 * The simulated machine's clock: the one saved in the state folder when the run resumes, else the profile's firmware
 * clock. `--machine local` profiles carry this computer's clock.
 * @throws InvalidInputError when the saved state belongs to another profile (as starting the machine would)
 */
export function readMachineClock(profile: MachineProfile, machine: string, stateDir: string, reset: boolean): ClockReading {
  if (machine === 'local') return { now: Date.parse(profile.firmware.clock), source: "this computer's clock" };
  const file = stateFilePath(join(stateDir, 'machine'));
  const saved = reset ? undefined : readMachineState(file, profile);
  if (saved) return { now: Date.parse(saved.clock), source: `simulated machine ${profile.name}: the clock saved in ${file}` };
  return { now: Date.parse(profile.firmware.clock), source: `simulated machine ${profile.name}: the firmware clock of its profile` };
}
