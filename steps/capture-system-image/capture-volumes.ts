/**
 * Which volumes a capture takes (pure): every volume of every fixed disk, by disk index then partition number, that
 * has a drive letter and an NTFS or FAT32 file system. Removable and USB disks, system partitions (EFI, MSR,
 * Recovery), unformatted and unlettered volumes are skipped, each with its reason for the log.
 */
import type { DiskFacts, PartitionFacts } from '../../engine/step-api.ts';
import { normalizeLetter } from '../shared/image/drive-letter.ts';

/** A volume to capture, in capture order. */
export interface CaptureVolume {
  letter: string;
  label: string;
  fileSystem: 'NTFS' | 'FAT32';
  disk: number;
  partition: number;
  usedBytes: number;
}

/** A partition left out, and why. */
export interface SkippedVolume {
  /** `disk 1 partition 1 (E:, FAT32 "USB")`. */
  describe: string;
  letter?: string;
  reason: string;
}

export interface CapturePlan {
  volumes: CaptureVolume[];
  skipped: SkippedVolume[];
}

const SYSTEM_ROLES = new Set(['EFI', 'MSR', 'Recovery']);

function describe(d: DiskFacts, p: PartitionFacts, letter: string | undefined): string {
  const v = p.volume;
  const facts = [letter, v ? `${v.fileSystem}${v.label ? ` "${v.label}"` : ''}` : 'no volume'].filter(Boolean).join(', ');
  return `disk ${d.index} partition ${p.number} (${facts})`;
}

function skipReason(d: DiskFacts, p: PartitionFacts, letter: string | undefined): string | undefined {
  if (d.removable || d.bus === 'USB') return `on ${d.bus === 'USB' ? 'a USB' : 'a removable'} disk`;
  if (SYSTEM_ROLES.has(p.role)) return `${p.role} partition`;
  if (p.role === 'Extended') return 'extended partition (its logical drives are listed on their own)';
  const v = p.volume;
  if (!v || v.fileSystem === 'RAW') return 'not formatted';
  if (v.fileSystem !== 'NTFS' && v.fileSystem !== 'FAT32') return `${v.fileSystem as string} is not NTFS or FAT32`;
  if (!letter) return 'no drive letter';
  return undefined;
}

/** Splits the machine's partitions into the volumes to capture (in order) and the ones skipped. */
export function planCaptureVolumes(disks: readonly DiskFacts[]): CapturePlan {
  const plan: CapturePlan = { volumes: [], skipped: [] };
  for (const d of [...disks].sort((a, b) => a.index - b.index)) {
    for (const p of [...d.partitions].sort((a, b) => a.number - b.number)) {
      const letter = p.volume?.letter ? normalizeLetter(p.volume.letter) ?? p.volume.letter : undefined;
      const reason = skipReason(d, p, letter);
      if (reason !== undefined) {
        plan.skipped.push({ describe: describe(d, p, letter), reason, ...(letter ? { letter } : {}) });
        continue;
      }
      const v = p.volume!;
      plan.volumes.push({ letter: letter!, label: v.label, fileSystem: v.fileSystem as 'NTFS' | 'FAT32', disk: d.index, partition: p.number, usedBytes: v.usedBytes });
    }
  }
  return plan;
}

/** The image name for a volume: `C: Windows`, or `D: Volume` when it has no label. */
export function renderImageName(volume: CaptureVolume): string {
  return `${volume.letter} ${volume.label.trim() || 'Volume'}`;
}

/** Every lettered volume on the machine (captured or not), for locating the destination. */
export function letteredVolumes(disks: readonly DiskFacts[]): string[] {
  return disks.flatMap((d) => d.partitions.map((p) => p.volume?.letter).filter((l): l is string => !!l).map((l) => normalizeLetter(l) ?? l));
}
