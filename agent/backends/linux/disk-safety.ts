/**
 * Whether a live run may touch the disks it names. Pure: the caller brings the probe's devices and the system facts,
 * so every rule is tested without a disk. Whatever the options say, a run never touches the disk the agent booted
 * from, a disk with a mounted file system (on it, on a partition, or on another loop device over the same file),
 * a read-only disk, or removable media that `--target-disk` does not name itself.
 */
import { TaskseqError } from '../../../engine/index.ts';
import type { BlockDevice } from './block-device.ts';
import type { SafetyFacts } from './safety-facts.ts';
import type { TargetRequest } from '../live/target-request.ts';
import { diskName, selectTargets, type DiskRefusal, type SelectedDisk } from './target-selection.ts';

export type { DiskRefusal } from './target-selection.ts';
export type { TargetRequest } from '../live/target-request.ts';

/** The disks a run may touch, or every reason it may not. */
export type TargetDecision = { allowed: BlockDevice[] } | { refusals: DiskRefusal[] };

/** Decides on every disk the request names; all refusals are collected, none is allowed while any is refused. */
export function checkTargetDisks(devices: readonly BlockDevice[], request: TargetRequest, facts: SafetyFacts): TargetDecision {
  const { selected, refusals } = selectTargets(devices, request);
  for (const s of selected) {
    const disk = diskName(devices, s.device);
    for (const reason of refusalReasons(s, facts)) refusals.push({ disk, reason });
  }
  return refusals.length > 0 ? { refusals } : { allowed: selected.map((s) => s.device) };
}

/** The allowed disks. @throws TaskseqError `invalid-input` with one line per refusal */
export function requireTargetDisks(devices: readonly BlockDevice[], request: TargetRequest, facts: SafetyFacts): BlockDevice[] {
  const decision = checkTargetDisks(devices, request, facts);
  if ('allowed' in decision) return decision.allowed;
  const lines = decision.refusals.map(formatRefusal);
  throw new TaskseqError('invalid-input', `refusing to touch the target disks:\n${lines.join('\n')}`, {
    problems: lines.map((message) => ({ severity: 'error', code: 'disk-refused', message })),
  });
}

/** `/dev/sda (disk 0): the agent booted from it (it holds /)`. */
export function formatRefusal(r: DiskRefusal): string {
  return `${r.disk}: ${r.reason}`;
}

function refusalReasons({ device, explicit }: SelectedDisk, facts: SafetyFacts): string[] {
  const reasons = [...bootReasons(device, facts), ...mountReasons(device, facts)];
  if (device.removable && !explicit) reasons.push('removable media: --yes does not accept it; name it with --target-disk to use it');
  if (device.readOnly) reasons.push('it is read-only');
  return reasons;
}

/** The device nodes that are this disk: itself and its partitions. */
function nodesOf(device: BlockDevice): string[] {
  return [device.path, ...device.partitions.flatMap((p) => (p.path ? [p.path] : []))];
}

function bootReasons(device: BlockDevice, facts: SafetyFacts): string[] {
  const nodes = nodesOf(device);
  const file = device.backing?.file;
  const holds = facts.boot.filter((b) => b.chain.devices.some((d) => nodes.includes(d)) || (file !== undefined && b.chain.files.includes(file)));
  const reasons = holds.length > 0 ? [`the agent booted from it: it holds ${holds.map((b) => b.path).join(' and ')}`] : [];
  // Not knowing the boot disk leaves only loop devices safe: a file's loop device is never what the machine booted.
  const unknown = facts.boot.filter((b) => b.unresolved !== undefined);
  if (holds.length === 0 && unknown.length > 0 && device.kind !== 'loop') {
    reasons.push(`the boot disk is not known (${unknown.map((b) => b.unresolved).join('; ')}), so only loop devices may be targeted`);
  }
  return reasons;
}

function mountReasons(device: BlockDevice, facts: SafetyFacts): string[] {
  const reasons = new Set<string>();
  for (const at of device.mountpoints) reasons.add(`a file system on it is mounted at ${at}`);
  for (const p of device.partitions) {
    for (const at of p.mountpoints) reasons.add(`partition ${p.number}${p.path ? ` (${p.path})` : ''} is mounted at ${at}`);
  }
  const file = device.backing?.file;
  for (const m of facts.mounts) {
    const { devices, files } = m.chain;
    // The chain starts with what was mounted; a device deeper in it is busy through that one (`/dev/dm-1`).
    const through = (node: string) => (devices[0] === node ? '' : ` through ${devices[0]}`);
    const parts = device.partitions.filter((p) => p.path !== undefined && devices.includes(p.path));
    for (const p of parts) reasons.add(`partition ${p.number} (${p.path}) is mounted at ${m.mountPoint}${through(p.path!)}`);
    if (parts.length === 0 && devices.includes(device.path)) {
      reasons.add(`a file system on it is mounted at ${m.mountPoint}${through(device.path)}`);
    }
    if (file !== undefined && files.includes(file) && !devices.includes(device.path)) {
      reasons.add(`${devices[0] ?? file}, over the same file ${file}, is mounted at ${m.mountPoint}`);
    }
  }
  return [...reasons];
}
