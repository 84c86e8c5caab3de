/**
 * The Windows port of a live boot environment (the Linux live system, Windows PE). The installed Windows does not
 * run here: an applied Windows is described from the
 * metadata of the image the run applied onto that volume (recorded at the apply, kept in the machine folder across
 * resumes), not read from its registry; what only a running Windows can do is refused.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXIT_NOT_SUPPORTED, PortRefusal, type ImageFacts, type WindowsInstallation, type WindowsPort,
} from '../../../engine/index.ts';
import { identityFromImage, newWindowsState, toInstallation } from '../simulated/index.ts';
import { resolveOnVolume } from './volume-path.ts';
import { requireDriveLetter } from '../plan/command-plan.ts';

/** What the run applied where: `disk:partition` -> the image's metadata. */
export interface AppliedImages {
  record(diskIndex: number, partition: number, image: ImageFacts): void;
  of(diskIndex: number, partition: number): ImageFacts | undefined;
}

const FILE = 'applied-images.json';

/** The records in `<machineDir>/applied-images.json`, written at each change. */
export function appliedImagesIn(machineDir: string, fresh: boolean): AppliedImages {
  const file = join(machineDir, FILE);
  const table: Record<string, ImageFacts> = !fresh && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, ImageFacts> : {};
  return {
    record(disk, partition, image) {
      table[`${disk}:${partition}`] = image;
      writeFileSync(file, `${JSON.stringify(table, null, 2)}\n`);
    },
    of: (disk, partition) => table[`${disk}:${partition}`],
  };
}

export interface LiveWindowsDeps {
  applied: AppliedImages;
  architecture: string;
  /** The volume with this letter: its disk, partition and mount folder, or undefined. */
  volume(letter: string): { diskIndex: number; partition: number; root?: string } | undefined;
  /** The backend in refusals: `the Linux backend`. */
  backend: string;
}

export function createLiveWindows(deps: LiveWindowsDeps): WindowsPort {
  const refuse = (what: string): never => {
    throw new PortRefusal('unsupported', `${what} needs the installed Windows running; ${deps.backend} cannot do it`, EXIT_NOT_SUPPORTED);
  };
  return {
    describe(drive): WindowsInstallation | undefined {
      const v = deps.volume(drive);
      const image = v && deps.applied.of(v.diskIndex, v.partition);
      if (!v?.root || !image || !resolveOnVolume(v.root, 'Windows\\System32', `${drive}`).exists) return undefined;
      return toInstallation(requireDriveLetter(drive), newWindowsState(identityFromImage(image, deps.architecture)), v.root);
    },
    running: () => undefined,
    stageClient: () => refuse('staging the ConfigMgr client for Windows Setup'),
    installResumeHook: () => refuse('resuming the sequence in the installed Windows'),
    generalize: async () => refuse('Sysprep'),
    prepareClientForCapture: async () => refuse('preparing the ConfigMgr client for capture'),
    adapters: () => refuse('reading the network adapters\' settings'),
    join: async () => refuse('joining a domain or workgroup'),
  };
}
