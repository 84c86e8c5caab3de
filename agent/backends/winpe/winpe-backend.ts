/**
 * The Windows backend (Windows PE, and later the full OS): its ports execute `winpeCommandPlanner()`'s actions
 * through the host's process runner, so `taskseq plan --backend winpe` and a run agree. Start-up reads the disks
 * with diskpart and refuses every disk the safety rules refuse (winpe-disk-safety.ts). Facts other than disks come
 * from the machine profile, as the Linux backend does for what it does not probe.
 */
import { mkdirSync } from 'node:fs';
import { EXIT_NOT_SUPPORTED, PortRefusal, type WindowsPort } from '../../../engine/index.ts';
import { devicesFromProfile } from '../../drivers/drivers-port.ts';
import type { Backend, BackendFactory, BackendStartOptions } from '../backend.ts';
import type { ConnectedShare } from '../host-files/shares.ts';
import type { TargetRequest } from '../live/target-request.ts';
import { bufferedLog } from '../live/buffered-log.ts';
import { createLiveDestination } from '../live/live-destination.ts';
import { liveProbe, liveSystemInfo, type LiveMachineView } from '../live/live-machine-facts.ts';
import { createLiveVolumes } from '../live/live-volumes.ts';
import { appliedImagesIn, createLiveWindows } from '../live/live-windows.ts';
import { volumeByLetter } from '../plan/command-plan.ts';
import type { MachineProfile } from '../simulated/index.ts';
import { readWim } from '../../formats/wim/index.ts';
import { quoteWindowsArgv } from '../../renderers/windows/dism-command.ts';
import { resolveImagePath } from '../simulated/index.ts';
import { readWindowsDisks } from './diskpart/read-disks.ts';
import { createWindowsCommands } from './winpe-commands.ts';
import { winpeCommandPlanner } from './winpe-command-plan.ts';
import { createWindowsDisks } from './winpe-disks.ts';
import { requireWindowsTargets } from './winpe-disk-safety.ts';
import type { WindowsHost } from './winpe-host.ts';
import { liveClockReading } from '../live/live-clock.ts';
import { WINPE_MACHINE_DESCRIPTION } from './winpe-identity.ts';
import {
  WINPE_LOADSTATE_REFUSAL, WINPE_RESTART_REFUSAL, WINPE_SCANSTATE_REFUSAL, WINPE_SYSPREP_REFUSAL, winpeNotYet,
} from './winpe-call-refusal.ts';
import { createWindowsImaging } from './winpe-imaging.ts';

const refuse = (reason: string) => (): never => {
  throw new PortRefusal('unsupported', reason, EXIT_NOT_SUPPORTED);
};
const notYet = (what: string) => refuse(winpeNotYet(what));

export interface WinpeBackendOptions {
  target: TargetRequest;
  host: WindowsHost;
  /** `--share`: the network shares the run reaches (Windows reaches them by their names; the folder holds their files). */
  shares?: readonly ConnectedShare[];
}

/** The Windows backend for `host` (`profile`: its facts), keeping its state in `machineDir`. */
export function winpeBackend(profile: MachineProfile, machineDir: string, options: WinpeBackendOptions): BackendFactory {
  const { host } = options;
  return {
    description: WINPE_MACHINE_DESCRIPTION,
    clockBeforeStart: liveClockReading,
    checkBeforeStart: async () => { requireWindowsTargets((await readWindowsDisks(host.run)).disks, options.target, { agentDrives: host.agentDrives }); },
    start: (start) => startWinpe(profile, machineDir, options, start),
  };
}

async function startWinpe(profile: MachineProfile, machineDir: string, options: WinpeBackendOptions, start: BackendStartOptions): Promise<Backend> {
  const { host } = options;
  const shares = options.shares ?? [];
  const log = bufferedLog();
  const logged: WindowsHost['run'] = (request) => {
    // The CreateProcess command line, as Windows is given it: a path with spaces reads back as one argument.
    log.write('info', `Running: ${request.line ?? quoteWindowsArgv([...request.argv])}`);
    return host.run(request);
  };
  const read = await readWindowsDisks(logged);
  const targets = requireWindowsTargets(read.disks, options.target, { agentDrives: host.agentDrives });
  mkdirSync(machineDir, { recursive: true });
  const planner = winpeCommandPlanner({ tempDir: host.tempDir });
  const inWinPE = profile.environment.inWinPE;
  const disks = createWindowsDisks({ ...host, run: logged }, planner, targets, read.letters, inWinPE);
  const applied = appliedImagesIn(machineDir, start.fresh);
  const architecture = profile.system.architecture;
  const find = (letter: string) => volumeByLetter(disks.list(), letter);
  const rootOf = (letter: string) => (find(letter)?.partition.volume?.fileSystem !== 'RAW' && find(letter) ? host.volumeRoot(letter) : undefined);
  const uefi = profile.firmware.mode === 'UEFI';
  const view: LiveMachineView = {
    profile, firmware: { mode: profile.firmware.mode, secureBoot: uefi && profile.firmware.secureBoot === true },
    stateDir: machineDir, mediaType: start.mediaType ?? profile.environment.mediaType,
    launchMode: start.launchMode ?? profile.environment.launchMode, disks: () => disks.list(), volumeRoot: rootOf,
  };
  const volumeOf = (letter: string) => {
    const found = find(letter);
    const volume = found?.partition.volume;
    return found && volume && {
      diskIndex: found.disk.index, partition: found.partition.number, fileSystem: volume.fileSystem,
      sizeBytes: volume.sizeBytes, root: rootOf(found.letter),
    };
  };
  const windows: WindowsPort = {
    ...createLiveWindows({ applied, architecture, volume: volumeOf, backend: 'the Windows backend' }),
    generalize: async () => refuse(WINPE_SYSPREP_REFUSAL)(), installResumeHook: notYet('resuming the sequence in the installed Windows'),
    stageClient: notYet('staging the ConfigMgr client'), join: async () => notYet('joining a domain or workgroup')(),
  };
  return {
    description: WINPE_MACHINE_DESCRIPTION,
    ports: {
      probe: liveProbe(view),
      system: liveSystemInfo(view),
      commands: createWindowsCommands(logged, planner),
      clock: { now: () => Date.now(), timeout: (ms) => AbortSignal.timeout(ms) },
      disks,
      imaging: createWindowsImaging({
        tool: { run: logged }, planner, disks: () => disks.list(), architecture, volumeRoot: host.volumeRoot, shares,
        applied: (letter, path, index) => {
          const v = volumeOf(letter);
          const image = readWim(resolveImagePath(path, { volumeRoot: host.volumeRoot, shares }).host).images.find((i) => i.index === index);
          if (v && image) applied.record(v.diskIndex, v.partition, image);
        },
      }),
      volumes: createLiveVolumes({ volume: volumeOf, rootOf, fileSystems: ['NTFS', 'FAT32'] }),
      windows,
      userState: {
        capture: async () => refuse(WINPE_SCANSTATE_REFUSAL)(), restore: async () => refuse(WINPE_LOADSTATE_REFUSAL)(),
        requestStore: async () => notYet('Request State Store')(), releaseStore: async () => notYet('Release State Store')(),
      },
    },
    packageDestination: createLiveDestination(rootOf),
    devices: () => devicesFromProfile(profile.pnpDevices),
    restartRefusal: () => WINPE_RESTART_REFUSAL,
    restart: async () => { throw new PortRefusal('unsupported', WINPE_RESTART_REFUSAL, EXIT_NOT_SUPPORTED); },
    save: () => undefined,
    finalState: () => ({ backend: 'winpe', disks: disks.list() }),
    diskImages: () => disks.list().map((d) => ({ index: d.index, style: d.style, path: `\\\\.\\PhysicalDrive${d.index}` })),
    attachLog: (write) => log.attach(write),
    dispose: async () => log.detach(),
  };
}
