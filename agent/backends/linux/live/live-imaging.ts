/**
 * The Imaging port of a live Linux run: WIMs read with the project's reader, applied and captured by wimlib-imagex on
 * the volume's device (unmounted for the time it runs; a capture may go to a share the live system mounted), drivers
 * staged into the mounted volume for Windows Setup, and boot files written onto the EFI system partition (UEFI) or
 * the active partition and the MBR (BIOS). wimlib's progress lines reach the request's `onProgress` as they are printed.
 */
import { TaskseqError, type Architecture, type ImagingPort } from '../../../../engine/index.ts';
import { readWim } from '../../../formats/wim/index.ts';
import { planMachine } from '../../plan/command-plan.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { shareNames, type ConnectedShare } from '../../host-files/shares.ts';
import { prepareOutputPath, resolveImagePath } from '../../simulated/index.ts';
import { writeBootFiles } from '../boot/index.ts';
import { applyImage, captureImage, stageDrivers } from '../imaging/index.ts';
import type { LinuxFirmware } from '../probe/index.ts';
import type { LiveDisks, LiveVolume } from './live-disks.ts';
import type { AppliedImages } from '../../live/live-windows.ts';

export interface LiveImagingDeps {
  run: RunProcess;
  disks: LiveDisks;
  firmware: LinuxFirmware;
  architecture: Architecture;
  /** Where an applied image's metadata is kept (the Windows port describes the volume from it). */
  applied: AppliedImages;
  /** A line for the run log (what the step cannot say itself: no firmware entry, drivers staged for Setup). */
  log: (line: string) => void;
  /** The network shares the run reaches, each at the folder the live system mounted it at (`--share`). */
  shares?: readonly ConnectedShare[];
}

export function createLiveImaging(deps: LiveImagingDeps): ImagingPort {
  const { run, disks } = deps;
  const places = { volumeRoot: (l: string) => disks.rootOf(l), shares: deps.shares ?? [] };
  const hostPath = (path: string) => resolveImagePath(path, places).host;
  const volumeAt = async (letter: string, what: string): Promise<LiveVolume> => {
    const v = await disks.volume(letter);
    if (!v) throw new TaskseqError('unsupported', `${what}: no volume ${letter} on the target disks`);
    return v;
  };
  return {
    inspect: (path) => readWim(hostPath(path)),
    async apply(request) {
      const volume = await volumeAt(request.target, `cannot apply ${request.path}`);
      const path = hostPath(request.path);
      const done = await disks.withRawVolume(volume, () => applyImage(run, { ...request, path }, volume, request.onProgress));
      const image = readWim(path).images.find((i) => i.index === request.index);
      if (image) deps.applied.record(volume.disk.index, volume.partition.number, image);
      return done;
    },
    async capture(request) {
      const volume = await volumeAt(request.source, `cannot capture ${request.source}`);
      const path = prepareOutputPath(request.path, places).host;
      return disks.withRawVolume(volume, () => captureImage(run, { ...request, path }, volume, request.onProgress));
    },
    connectedShares: () => shareNames(places.shares),
    async writeBootFiles(request) {
      await disks.resolveAll();
      const windows = await volumeAt(request.windowsPath, `cannot write boot files for ${request.windowsPath}`);
      const root = disks.rootOf(windows.letter);
      if (!root) throw new TaskseqError('unsupported', `cannot write boot files for ${request.windowsPath}: ${windows.letter} is not mounted`);
      await writeBootFiles(run, request, { ...planMachine(disks.list(), deps.architecture), names: disks.names(), firmware: deps.firmware, windowsVolumeRoot: root, volumeRoot: (l) => disks.rootOf(l), log: deps.log });
    },
    async addDrivers(request) {
      const volume = await volumeAt(request.target, 'cannot add drivers');
      const mountPath = disks.rootOf(volume.letter);
      if (!mountPath) throw new TaskseqError('unsupported', `cannot add drivers to ${volume.letter}: it is not mounted`);
      return stageDrivers(request, { letter: volume.letter, mountPath, architecture: deps.architecture }, deps.log);
    },
  };
}
