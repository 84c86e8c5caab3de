/**
 * The volume an image is applied to or captured from, as the Linux imaging adapters take it: the block device that
 * holds it and its drive letter in the run. The planner addresses volumes through a machine and device names; these
 * adapters give it a machine of that one volume, so that what runs is exactly the planner's action.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { TaskseqError, type FileSystemKind } from '../../../../engine/index.ts';
import { linuxCommandPlanner } from '../linux-command-plan.ts';
import { readMounts, type MountFact } from '../read-mounts.ts';
import { planMachine, requireDriveLetter, type CommandPlanner, type PlanMachine, type VolumeLocation } from '../../plan/command-plan.ts';

/** A volume of the machine: where it is and what the sequence calls it. */
export interface ImagingVolume {
  /** The block device of the volume itself (a partition node, or a loop device over the partition's bytes). */
  device: string;
  /** Its drive letter in the run, `C:`. */
  letter: string;
}

/** What the volume's first sector says about it. */
export interface BootSectorFacts {
  fileSystem: FileSystemKind;
  /** Bytes the file system spans (NTFS: its sector count times its sector size); 0 when not known. */
  sizeBytes: number;
}

/**
 * Reads the volume's boot sector (512 bytes, read only): NTFS when its OEM name is `NTFS    `, with the size its
 * header gives; anything else is RAW to the imaging adapters, which only work on NTFS.
 * @throws TaskseqError('unsupported') when the device cannot be read
 */
export function readBootSector(device: string): BootSectorFacts {
  const sector = Buffer.alloc(512);
  let read = 0;
  try {
    const fd = openSync(device, 'r');
    try { read = readSync(fd, sector, 0, sector.length, 0); } finally { closeSync(fd); }
  } catch (e) {
    throw new TaskseqError('unsupported', `cannot read the volume ${device}: ${(e as Error).message}`, { cause: e });
  }
  if (read < 512 || sector.toString('latin1', 3, 11) !== 'NTFS    ') return { fileSystem: 'RAW', sizeBytes: 0 };
  const bytesPerSector = sector.readUInt16LE(0x0b);
  const sectors = Number(sector.readBigUInt64LE(0x28));
  return { fileSystem: 'NTFS', sizeBytes: bytesPerSector * sectors };
}

/**
 * Refuses a volume whose device is mounted: wimlib writes and reads the device itself, past the mounted file system,
 * and it does not refuse a mounted one (seen with wimlib-imagex 1.13.5 and an ntfs-3g mount), so an apply would
 * corrupt it and a capture could read it half-written. A mount is matched by its source (the same device node, also
 * through a link) and, for kernel file systems, by device number.
 * @throws TaskseqError('unsupported') naming where it is mounted
 */
export function refuseMounted(device: string, what: string, mounts: readonly MountFact[] = readMounts()): void {
  const real = realpathOrSelf(device);
  const st = statOrUndefined(device);
  // The kernel's device number encoding: major in bits 8-19, minor in bits 0-7 and 20-31.
  const number = st?.isBlockDevice() ? `${(st.rdev >>> 8) & 0xfff}:${(st.rdev & 0xff) | ((st.rdev >>> 12) & 0xfff00)}` : undefined;
  const hit = mounts.find((m) => (m.source.startsWith('/') && realpathOrSelf(m.source) === real) || (number !== undefined && m.majorMinor === number));
  if (hit) throw new TaskseqError('unsupported', `${what}: its device ${device} is mounted at ${hit.mountPoint} (${hit.fsType}); unmount it first`);
}

function realpathOrSelf(path: string): string {
  try { return realpathSync(path); } catch { return path; }
}

function statOrUndefined(path: string) {
  try { return statSync(path); } catch { return undefined; }
}


/** The Linux planner over a machine of this one volume, and the volume's facts as the planner sees them. */
export function planOneVolume(volume: ImagingVolume): { planner: CommandPlanner; machine: PlanMachine; facts: BootSectorFacts } {
  const facts = readBootSector(volume.device);
  const letter = requireDriveLetter(volume.letter);
  const location: VolumeLocation = {
    letter,
    disk: {
      index: 0, sizeBytes: facts.sizeBytes, sectorSize: 512, bus: 'SCSI', removable: false, model: '', serialNumber: '',
      style: 'GPT', partitions: [],
    },
    partition: {
      number: 1, role: 'Primary', offsetBytes: 0, sizeBytes: facts.sizeBytes, active: false,
      volume: { letter, fileSystem: facts.fileSystem, label: '', sizeBytes: facts.sizeBytes, usedBytes: 0 },
    },
  };
  location.disk.partitions.push(location.partition);
  // The image commands read only the volume, not the architecture.
  const machine = planMachine([location.disk], 'x64');
  const planner = linuxCommandPlanner({ disk: () => volume.device, partition: () => volume.device });
  return { planner, machine, facts };
}
