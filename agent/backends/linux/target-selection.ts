/** Which disks a live run's options name: `--target-disk` values, or with `--yes` the sequence's own disk numbers. */
import type { TargetRequest } from '../live/target-request.ts';
import type { BlockDevice } from './block-device.ts';

/** Why a disk may not be touched: one line an engineer understands, naming the disk. */
export interface DiskRefusal {
  /** The disk's path with its number (`/dev/sdb (disk 1)`), or the option value when no disk matches it. */
  disk: string;
  reason: string;
}

/** A disk the request names, and whether it was named explicitly (by `--target-disk`, not accepted by `--yes`). */
export interface SelectedDisk {
  device: BlockDevice;
  explicit: boolean;
}

/** `/dev/sdb (disk 1)`: how refusals name a disk. */
export function diskName(devices: readonly BlockDevice[], device: BlockDevice): string {
  return `${device.path} (disk ${devices.indexOf(device)})`;
}

/** The disks `request` names, each once in the order named, and the refusals of values that name none. */
export function selectTargets(devices: readonly BlockDevice[], request: TargetRequest): { selected: SelectedDisk[]; refusals: DiskRefusal[] } {
  const selected: SelectedDisk[] = [];
  const refusals: DiskRefusal[] = [];
  const add = (device: BlockDevice, explicit: boolean) => {
    if (!selected.some((s) => s.device === device)) selected.push({ device, explicit });
  };
  const sequenceDisks = [...new Set(request.sequenceDisks ?? [])];
  if (request.targetDisks.length > 0) {
    for (const value of request.targetDisks) {
      const found = findTarget(devices, value);
      if ('device' in found) add(found.device, true);
      else refusals.push(found);
    }
  } else if (request.yes) {
    for (const n of sequenceDisks) {
      const device = devices[n];
      if (device) add(device, false);
      else refusals.push({ disk: `disk ${n}`, reason: `the sequence names disk ${n}, but ${machineDisks(devices)}` });
    }
  } else {
    const named = sequenceDisks.map((n) => (devices[n] ? diskName(devices, devices[n]) : `disk ${n}`));
    for (const disk of named.length > 0 ? named : ['no disk named']) {
      refusals.push({ disk, reason: 'a live run touches no disk without --target-disk N|/dev/X, or --yes to accept the disks the sequence names' });
    }
  }
  return { selected, refusals };
}

function findTarget(devices: readonly BlockDevice[], value: string): { device: BlockDevice } | DiskRefusal {
  const disk = `--target-disk ${value}`;
  if (/^\d+$/.test(value)) {
    const device = devices[Number(value)];
    return device ? { device } : { disk, reason: `no such disk: ${machineDisks(devices)}` };
  }
  if (!value.startsWith('/dev/')) return { disk, reason: 'not a disk number or a /dev/ path' };
  const device = devices.find((d) => d.path === value);
  if (device) return { device };
  const holder = devices.find((d) => d.partitions.some((p) => p.path === value));
  if (holder) return { disk, reason: `is a partition of ${diskName(devices, holder)}: name the whole disk` };
  return { disk, reason: `no such disk: ${machineDisks(devices)}` };
}

/** `the machine has 2 disks: 0 /dev/sda, 1 /dev/loop3`. */
function machineDisks(devices: readonly BlockDevice[]): string {
  if (devices.length === 0) return 'the machine has no disks';
  const list = devices.map((d, i) => `${i} ${d.path}`).join(', ');
  return `the machine has ${devices.length} disk${devices.length === 1 ? '' : 's'}: ${list}`;
}
