/**
 * The Linux live backend: a PC booted into a Linux live system (USB or PXE) deploys Windows onto its own disks.
 * Start-up probes the block devices, refuses every disk the safety rules refuse (see disk-safety.ts), opens the
 * target disks and mounts their NTFS volumes; the ports then drive sfdisk, mkfs, wimlib-imagex, mtools and
 * efibootmgr through the one process runner. Facts come from the profile captured on this PC.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_NOT_SUPPORTED, PortRefusal } from '../../../engine/index.ts';
import { devicesFromProfile } from '../../drivers/drivers-port.ts';
import type { Backend, BackendFactory, BackendStartOptions } from '../backend.ts';
import type { ConnectedShare } from '../host-files/shares.ts';
import { volumeByLetter } from '../plan/command-plan.ts';
import { createLocalProcessRunner } from '../process/local-runner.ts';
import type { RunProcess } from '../process/process-types.ts';
import type { MachineProfile } from '../simulated/index.ts';
import { createLiveVolumes } from '../live/live-volumes.ts';
import { requireTargetDisks, type TargetRequest } from './disk-safety.ts';
import { createLiveCommands } from './live/live-commands.ts';
import { createLiveDestination } from '../live/live-destination.ts';
import { openLiveDisks } from './live/live-disks.ts';
import { createLiveImaging } from './live/live-imaging.ts';
import { appliedImagesIn, createLiveWindows } from '../live/live-windows.ts';
import { bufferedLog } from '../live/buffered-log.ts';
import { liveClockReading } from '../live/live-clock.ts';
import { LINUX_MACHINE_DESCRIPTION } from './linux-identity.ts';
import { RESTART_REFUSAL } from './linux-command-plan.ts';
import { liveProbe, liveSystemInfo, type LiveMachineView } from '../live/live-machine-facts.ts';
import { readBlockDevices, readFirmware, type LinuxFirmware } from './probe/index.ts';
import { readSafetyFacts } from './safety-facts.ts';

export interface LinuxBackendOptions {
  target: TargetRequest;
  /**
   * `--firmware`: the firmware the deployed PC will boot with, when it is not the one this live system booted with
   * (a live USB started in legacy mode on a PC that will boot UEFI). Secure Boot and EFI variables are then unknown:
   * off, and no firmware boot entry is written (the fallback loader boots it).
   */
  firmware?: 'UEFI' | 'BIOS';
  /** `--share`: the network shares the live system mounted before the run, each at its folder. */
  shares?: readonly ConnectedShare[];
  /** The process runner; the real one when absent. */
  run?: RunProcess;
}


/** The Linux backend for this PC (`profile`: its captured facts), keeping its state in `machineDir`. */
export function linuxBackend(profile: MachineProfile, machineDir: string, options: LinuxBackendOptions): BackendFactory {
  const description = LINUX_MACHINE_DESCRIPTION;
  return {
    description,
    clockBeforeStart: liveClockReading,
    // The same probe and rules start runs again: a disk mounted in between is still refused.
    checkBeforeStart: async () => { requireTargetDisks(await readBlockDevices(options.run ?? createLocalProcessRunner()), options.target, readSafetyFacts()); },
    start: (start) => startLinux(profile, machineDir, options, start, description),
  };
}

/** `work` the first time; later calls return the first call's promise. */
function once(work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= work());
}

async function firmwareOf(override: LinuxBackendOptions['firmware'], log: ReturnType<typeof bufferedLog>): Promise<LinuxFirmware> {
  const booted = await readFirmware();
  if (!override || override === booted.mode) return booted;
  log.write('warning', `Firmware ${override} as --firmware gives it; this live system booted in ${booted.mode} mode, so Secure Boot is taken as off and no firmware boot entry can be written`);
  return { mode: override, secureBoot: false, efiVariablesWritable: false };
}

async function startLinux(profile: MachineProfile, machineDir: string, options: LinuxBackendOptions, start: BackendStartOptions, description: string): Promise<Backend> {
  const log = bufferedLog();
  const run = options.run ?? createLocalProcessRunner({ log: (line) => log.write('info', `Running: ${line}`) });
  const devices = await readBlockDevices(run);
  const allowed = requireTargetDisks(devices, options.target, readSafetyFacts());
  // Named targets become the sequence's disks 0, 1, ... in the order named; with --yes they keep their numbers.
  const targets = allowed.map((device, i) => ({ index: options.target.targetDisks.length ? i : devices.indexOf(device), device }));
  mkdirSync(machineDir, { recursive: true });
  const firmware = await firmwareOf(options.firmware, log);
  const disks = await openLiveDisks(run, targets, join(machineDir, 'volumes'), (line) => log.write('warning', line));
  const applied = appliedImagesIn(machineDir, start.fresh);
  const architecture = profile.system.architecture;
  const view: LiveMachineView = {
    profile, firmware, stateDir: machineDir, mediaType: start.mediaType ?? profile.environment.mediaType,
    launchMode: start.launchMode ?? profile.environment.launchMode, disks: () => disks.list(), volumeRoot: (l) => disks.rootOf(l),
  };
  const volumeOf = (letter: string) => {
    const found = volumeByLetter(disks.list(), letter);
    const volume = found?.partition.volume;
    return found && volume && {
      diskIndex: found.disk.index, partition: found.partition.number, fileSystem: volume.fileSystem, sizeBytes: volume.sizeBytes,
      root: disks.rootOf(found.letter),
    };
  };
  const windowsOnly = (what: string) => async (): Promise<never> => {
    throw new PortRefusal('unsupported', `${what} runs in Windows only (USMT); the Linux backend cannot do it`, EXIT_NOT_SUPPORTED);
  };
  return {
    description,
    ports: {
      probe: liveProbe(view),
      system: liveSystemInfo(view),
      commands: createLiveCommands(run),
      clock: { now: () => Date.now(), timeout: (ms) => AbortSignal.timeout(ms) },
      disks: { list: () => disks.list(), apply: (layout) => disks.apply(layout) },
      imaging: createLiveImaging({ run, disks, firmware, architecture, applied, log: (line) => log.write('info', line), shares: options.shares }),
      volumes: createLiveVolumes({ volume: volumeOf, rootOf: (l) => disks.rootOf(l), fileSystems: ['NTFS'] }),
      windows: createLiveWindows({ applied, architecture, volume: volumeOf, backend: 'the Linux backend' }),
      userState: {
        capture: windowsOnly('Capture User State'), restore: windowsOnly('Restore User State'),
        requestStore: windowsOnly('Request State Store'), releaseStore: windowsOnly('Release State Store'),
      },
    },
    packageDestination: createLiveDestination((l) => disks.rootOf(l)),
    devices: () => devicesFromProfile(profile.pnpDevices),
    restartRefusal: () => RESTART_REFUSAL,
    restart: async () => { throw new PortRefusal('unsupported', RESTART_REFUSAL, EXIT_NOT_SUPPORTED); },
    save: () => undefined,
    finalState: () => ({ backend: 'linux', disks: disks.list() }),
    diskImages: () => disks.list().map((d) => ({ index: d.index, style: d.style, path: targets.find((t) => t.index === d.index)!.device.path })),
    attachLog: (write) => log.attach(write),
    dispose: once(async () => {
      await disks.dispose();
      log.detach();
    }),
  };
}
