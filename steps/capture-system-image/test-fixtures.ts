/** Disks and a recording imaging/volumes fake for the capture step tests (written for them). */
import { TaskseqError } from '../../engine/step-api.ts';
import type { CaptureImageRequest, DiskFacts, PartitionFacts, Ports } from '../../engine/step-api.ts';

export const GiB = 1024 ** 3;

type Part = Omit<PartitionFacts, 'offsetBytes' | 'sizeBytes' | 'active'>;

function disk(index: number, over: Partial<DiskFacts>, partitions: Part[]): DiskFacts {
  return {
    index, sizeBytes: 128 * GiB, sectorSize: 512, bus: 'NVMe', removable: false, model: `Disk ${index}`, serialNumber: 'S',
    style: 'GPT', ...over,
    partitions: partitions.map((p) => ({ offsetBytes: p.number, sizeBytes: GiB, active: false, ...p })),
  };
}

const vol = (letter: string | undefined, fileSystem: 'NTFS' | 'FAT32' | 'RAW', label: string, usedBytes = GiB) =>
  ({ ...(letter ? { letter } : {}), fileSystem, label, sizeBytes: 64 * GiB, usedBytes });

/**
 * Disk 0 (GPT): 1 EFI (lettered S:), 2 MSR, 3 Windows C:, 4 Recovery, 5 Data D: (no label), 6 unlettered NTFS.
 * Disk 1 (MBR, SATA): 1 RAW F:, 2 FAT32 G: "Tools". Disk 2 (USB stick): 1 FAT32 U: "USB".
 */
export function captureDisks(): DiskFacts[] {
  return [
    disk(2, { bus: 'USB', removable: true, model: 'Stick' }, [{ number: 1, role: 'Primary', volume: vol('U:', 'FAT32', 'USB', 0) }]),
    disk(0, {}, [
      { number: 4, role: 'Recovery', volume: vol(undefined, 'NTFS', 'Recovery') },
      { number: 1, role: 'EFI', volume: vol('S:', 'FAT32', 'EFI') },
      { number: 2, role: 'MSR' },
      { number: 3, role: 'Primary', volume: vol('c', 'NTFS', 'Windows', 8 * GiB) },
      { number: 5, role: 'Primary', volume: vol('D:', 'NTFS', '') },
      { number: 6, role: 'Primary', volume: vol(undefined, 'NTFS', 'Hidden data') },
    ]),
    disk(1, { bus: 'SATA', style: 'MBR' }, [
      { number: 1, role: 'Primary', volume: vol('F:', 'RAW', '') },
      { number: 2, role: 'Primary', volume: vol('G:', 'FAT32', 'Tools') },
    ]),
  ];
}

export interface CaptureFake {
  imaging: Ports['imaging'];
  volumes: Ports['volumes'];
  captured: CaptureImageRequest[];
}

/**
 * Imaging answers `capture` (numbering images per path, `create` restarting at 1; throws `refuse` on the capture of
 * that letter) and `connectedShares` (`shares`); volumes answer `exists` for `Windows\System32` on the `os` letters only.
 */
export function createCaptureFake(os: readonly string[], refuse?: { letter: string; error: Error }, shares: readonly string[] = []): CaptureFake {
  const captured: CaptureImageRequest[] = [];
  const counts = new Map<string, number>();
  const never = (what: string) => () => { throw new Error(`unscripted ${what}`); };
  const imaging: Ports['imaging'] = {
    inspect: never('inspect'), apply: never('apply'), writeBootFiles: never('writeBootFiles'), addDrivers: never('addDrivers'),
    connectedShares: () => [...shares],
    capture: async (request) => {
      if (refuse && refuse.letter === request.source) throw refuse.error;
      if (request.mode === 'append' && !counts.has(request.path)) throw new TaskseqError('unsupported', `cannot append to ${request.path}: the file does not exist`);
      const { onProgress: _progress, ...recorded } = request;
      captured.push(recorded);
      const index = request.mode === 'create' ? 1 : (counts.get(request.path) ?? 0) + 1;
      counts.set(request.path, index);
      return { index };
    },
  };
  const volumes: Ports['volumes'] = {
    readFile: never('readFile'), writeFile: never('writeFile'), list: never('list'), wipe: never('wipe'), freeBytes: never('freeBytes'),
    exists: (letter, path) => {
      if (path !== 'Windows\\System32') throw new Error(`unscripted exists(${letter}, ${path})`);
      return os.includes(letter);
    },
  };
  return { imaging, volumes, captured };
}
