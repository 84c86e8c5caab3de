/**
 * A plan is a simulated run whose changing port calls are also handed to a live backend's planner: the simulated
 * machine decides conditions and carries the run on (letters, applied files, restarts) while the recorder writes
 * down, call by call, what the live backend would run instead. Nothing but the simulated machine is touched.
 */
import type { Ports } from '../../../engine/index.ts';
import type { Backend } from '../backend.ts';
import { planMachine, type CommandPlanner, type PlanMachine, type PlannedAction } from './command-plan.ts';

/** Receives the actions of each call in the order the run made them. */
export interface PlanSink {
  /** `call`: the port call that asked for them, e.g. `disks.apply`; `backend`: the backend that would run them. */
  record(call: string, actions: readonly PlannedAction[], backend: string): void;
}

/** A planner and the backend it speaks for. */
export interface NamedPlanner {
  backend: string;
  planner: CommandPlanner;
}

/**
 * The planners of a run: one for the boot environment the live backend runs in, one for the installed Windows a
 * restart to the hard disk starts (where the agent resumes as a Windows backend, whatever deployed it).
 */
export interface RunPlanners {
  bootImage: NamedPlanner;
  installedWindows: NamedPlanner;
}

/** `backend` with its changing calls also recorded, as the planner of where the machine is now, into `sink`. */
export function recordingBackend(backend: Backend, planners: RunPlanners, sink: PlanSink): Backend {
  const p = backend.ports;
  const machine = (): PlanMachine => planMachine(p.disks.list(), p.system.facts().architecture);
  const current = (): NamedPlanner => (p.system.environment().inWinPE ? planners.bootImage : planners.installedWindows);
  const plan = (call: string, actions: (planner: CommandPlanner) => PlannedAction[]): void => {
    const { backend: name, planner } = current();
    sink.record(call, actions(planner), name);
  };
  const ports: Backend['ports'] = {
    ...p,
    disks: {
      ...p.disks,
      async apply(layout) {
        const disk = p.disks.list().find((d) => d.index === layout.diskIndex);
        let applied: Awaited<ReturnType<typeof p.disks.apply>> | undefined;
        try {
          applied = await p.disks.apply(layout);
          return applied;
        } finally {
          const letters = new Map((applied?.letters ?? []).filter((l) => l.letter).map((l) => [l.number, l.letter!]));
          plan('disks.apply', (planner) => (disk ? planner.partitionDisk(layout, disk, letters) : [{ kind: 'refused', reason: `disk ${layout.diskIndex} does not exist` }]));
        }
      },
    },
    imaging: {
      ...p.imaging,
      apply(request) {
        plan('imaging.apply', (planner) => planner.applyImage(request, splitParts(p.imaging, request.path), machine()));
        return p.imaging.apply(request);
      },
      capture(request) {
        plan('imaging.capture', (planner) => planner.captureImage(request, machine()));
        return p.imaging.capture(request);
      },
      writeBootFiles(request) {
        plan('imaging.writeBootFiles', (planner) => planner.writeBootFiles(request, machine()));
        return p.imaging.writeBootFiles(request);
      },
      addDrivers(request) {
        plan('imaging.addDrivers', (planner) => planner.addDrivers(request, machine()));
        return p.imaging.addDrivers(request);
      },
    },
    commands: {
      ...p.commands,
      run(request) {
        plan('commands.run', (planner) => planner.runCommand(request));
        return p.commands.run(request);
      },
    },
    windows: {
      ...p.windows,
      generalize(request) {
        const running = p.windows.running();
        plan('windows.generalize', (planner) => planner.generalize(request, `${running?.drive ?? 'C:'}\\Windows`, machine()));
        return p.windows.generalize(request);
      },
    },
    userState: {
      ...p.userState,
      capture(request) {
        plan('userState.capture', (planner) => planner.captureUserState(request));
        return p.userState.capture(request);
      },
      restore(request) {
        plan('userState.restore', (planner) => planner.restoreUserState(request));
        return p.userState.restore(request);
      },
    },
  };
  return {
    ...backend, ports,
    restart(target, options) {
      plan('restart', (planner) => planner.restart(target, p.system.environment().inWinPE));
      return backend.restart(target, options);
    },
  };
}

/** The parts of a split image set (the first alone for a plain WIM or one the machine cannot read). */
function splitParts(imaging: Ports['imaging'], path: string): string[] {
  try {
    return imaging.inspect(path).parts;
  } catch {
    return [path];
  }
}
