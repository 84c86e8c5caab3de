/** Disks, WIM facts and small imaging/volumes/content fakes shared by the image step tests (written for them). */
import { TaskseqError } from '../../engine/step-api.ts';
import type { ApplyImageRequest, BootFilesRequest, DiskFacts, ImageFacts, Ports, WimFacts } from '../../engine/step-api.ts';
import type { FakeContext } from './fake-context.ts';

export const GiB = 1024 ** 3;

/** Disk 0 (GPT): 1 EFI, 2 MSR, 3 Windows C:, 4 Recovery. Disk 1 (MBR): 1 Data D:, 2 RAW E:. */
export function labDisks(): DiskFacts[] {
  const base = { sectorSize: 512 as const, bus: 'NVMe' as const, removable: false, serialNumber: 'S' };
  return [
    { ...base, index: 0, sizeBytes: 128 * GiB, model: 'Lab 0', style: 'GPT', partitions: [
      { number: 1, role: 'EFI', offsetBytes: 1, sizeBytes: GiB / 2, active: false, volume: { fileSystem: 'FAT32', label: 'EFI', sizeBytes: GiB / 2, usedBytes: 0 } },
      { number: 2, role: 'MSR', offsetBytes: 2, sizeBytes: GiB / 8, active: false },
      { number: 3, role: 'Primary', offsetBytes: 3, sizeBytes: 100 * GiB, active: false, volume: { letter: 'C:', fileSystem: 'NTFS', label: 'Windows', sizeBytes: 100 * GiB, usedBytes: 4 * GiB } },
      { number: 4, role: 'Recovery', offsetBytes: 4, sizeBytes: GiB, active: false, volume: { fileSystem: 'NTFS', label: 'Recovery', sizeBytes: GiB, usedBytes: 0 } },
    ] },
    { ...base, index: 1, sizeBytes: 64 * GiB, model: 'Lab 1', style: 'MBR', partitions: [
      { number: 1, role: 'Primary', offsetBytes: 1, sizeBytes: 32 * GiB, active: false, volume: { letter: 'D', fileSystem: 'NTFS', label: 'Data', sizeBytes: 32 * GiB, usedBytes: 0 } },
      { number: 2, role: 'Primary', offsetBytes: 2, sizeBytes: 32 * GiB, active: false, volume: { letter: 'E:', fileSystem: 'RAW', label: '', sizeBytes: 32 * GiB, usedBytes: 0 } },
    ] },
  ];
}

export function image(index: number, name: string, over: Partial<ImageFacts> = {}): ImageFacts {
  return { index, name, architecture: 'x64', languages: ['en-US'], directoryCount: 10, fileCount: 100, totalBytes: 8 * GiB, ...over };
}

export function wim(path: string, images: ImageFacts[]): WimFacts {
  return { path, guid: 'g', compression: 'lzx', partNumber: 1, totalParts: 1, parts: [path], hasIntegrityTable: false, bootIndex: 0, images };
}

export interface ImagingFake {
  port: Ports['imaging'];
  applied: ApplyImageRequest[];
  bootFiles: BootFilesRequest[];
}

/**
 * Answers `inspect` for the listed paths only; records apply and boot file requests (without their progress
 * callback, which an apply calls once with 100 %).
 */
export function createImagingFake(wims: readonly WimFacts[], refuseApply?: TaskseqError): ImagingFake {
  const applied: ApplyImageRequest[] = [];
  const bootFiles: BootFilesRequest[] = [];
  const find = (path: string) => wims.find((w) => w.path === path);
  const port: Ports['imaging'] = {
    inspect: (path) => find(path) ?? (() => { throw new TaskseqError('invalid-input', `${path}: no such file`); })(),
    apply: async (request) => {
      if (refuseApply) throw refuseApply;
      const { onProgress, ...recorded } = request;
      applied.push(recorded);
      const bytes = find(request.path)?.images[0]?.totalBytes ?? 0;
      onProgress?.({ percent: 100, bytesDone: bytes, bytesTotal: bytes });
      return { files: 100, bytes };
    },
    capture: async (r) => { throw new Error(`unscripted capture ${r.source}`); },
    writeBootFiles: async (request) => { bootFiles.push(request); },
    addDrivers: async (r) => { throw new Error(`unscripted addDrivers ${r.target}`); },
    connectedShares: () => { throw new Error('unscripted connectedShares'); },
  };
  return { port, applied, bootFiles };
}

export interface VolumesFake {
  port: Ports['volumes'];
  wipes: Array<{ letter: string; keep: readonly string[] }>;
  /** `C:|Windows\Panther\unattend.xml` -> text. */
  files: Map<string, string>;
}

/** Volumes with the given free bytes; unknown letters throw. */
export function createVolumesFake(free: Record<string, number>): VolumesFake {
  const wipes: VolumesFake['wipes'] = [];
  const files = new Map<string, string>();
  const known = (letter: string) => {
    if (!(letter in free)) throw new Error(`unscripted volume ${letter}`);
  };
  const port: Ports['volumes'] = {
    readFile: (l, p) => { known(l); return files.get(`${l}|${p}`); },
    writeFile: (l, p, c) => { known(l); files.set(`${l}|${p}`, c); },
    exists: (l, p) => { known(l); return files.has(`${l}|${p}`); },
    list: (l) => { throw new Error(`unscripted list ${l}`); },
    wipe: (l, keep) => { known(l); wipes.push({ letter: l, keep }); return 3; },
    freeBytes: (l) => { known(l); return free[l]; },
  };
  return { port, wipes, files };
}

/** Gives the fake context's content port file listing and reading over `files` (package id -> name -> text). */
export function addPackageFiles(f: FakeContext, files: Record<string, Record<string, string>>): void {
  Object.assign(f.ctx.ports.content, {
    files: (id: string) => Object.keys(files[id.toUpperCase()] ?? {}),
    readText: (id: string, path: string) => files[id.toUpperCase()]?.[path],
  });
}
