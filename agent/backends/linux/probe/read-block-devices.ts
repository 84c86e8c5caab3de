/**
 * The machine's disks as {@link BlockDevice}s, read with lsblk, losetup, sfdisk and blkid. Everything here only
 * reads: no command opens a device for writing.
 */
import type { BlockDevice, BlockPartition } from '../block-device.ts';
import { TaskseqError } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { blkidArgv, probeSignatures, type ProbeRange, type ProbeResult } from './blkid-probe.ts';
import { readLoopBacking, type LoopBacking } from './loop-backing.ts';
import { listBlockNodes, type LsblkNode } from './lsblk-listing.ts';
import { readPartitionTable, type SfdiskEntry } from './sfdisk-table.ts';

/**
 * Whether a top-level lsblk node is a disk a deployment could use: `disk` and `loop` devices, but not zram swap
 * (which the kernel calls a disk) and not an empty drive (size 0: a card reader without a card).
 */
function isCandidate(node: LsblkNode): boolean {
  return (node.type === 'disk' || node.type === 'loop') && !/^zram\d/.test(node.kernelName) && node.sizeBytes > 0;
}

function knownTableType(value: string | undefined): BlockDevice['tableType'] {
  return value === 'gpt' || value === 'dos' ? value : undefined;
}

/** A partition's file system, probed through the device that was opened a moment ago: failing now is an error. */
async function probePartition(run: RunProcess, device: string, range: ProbeRange): Promise<ProbeResult> {
  const found = await probeSignatures(run, device, range);
  if (found.openError === undefined) return found;
  throw new TaskseqError('unsupported', `cannot probe the disks: ${blkidArgv(device, range).join(' ')} failed: ${found.openError}`);
}

/** File system and label of a partition: lsblk's when it knows them (udev), else blkid at the partition's offset. */
async function partitionOf(
  run: RunProcess, device: LsblkNode, entry: SfdiskEntry,
): Promise<BlockPartition> {
  const kernelNode = device.children.find((c) => c.type === 'part' && c.path === entry.node);
  const { node: _node, ...placement } = entry;
  const partition: BlockPartition = { ...placement, mountpoints: kernelNode?.mountpoints ?? [] };
  if (kernelNode) partition.path = kernelNode.path;
  const found = kernelNode?.fsType !== undefined
    ? { fsType: kernelNode.fsType, label: kernelNode.label }
    : await probePartition(run, device.path, { offsetBytes: entry.startBytes, sizeBytes: entry.sizeBytes });
  if (found.fsType !== undefined) partition.fsType = found.fsType;
  if (found.label !== undefined) partition.label = found.label;
  return partition;
}

/** The table type lsblk knows, else libblkid's own finding; undefined when this process may not open the device. */
async function tableTypeOf(run: RunProcess, node: LsblkNode): Promise<{ tableType?: string } | undefined> {
  // Without udev (containers) lsblk knows no table type.
  if (node.tableType !== undefined) return { tableType: node.tableType };
  const found = await probeSignatures(run, node.path);
  return found.openError === undefined ? found : undefined;
}

async function deviceOf(
  run: RunProcess, node: LsblkNode, backing: LoopBacking | undefined,
): Promise<BlockDevice | undefined> {
  const table = await tableTypeOf(run, node);
  if (!table) return undefined;
  const device: BlockDevice = {
    path: node.path, kind: node.type === 'loop' ? 'loop' : 'disk', sizeBytes: node.sizeBytes,
    logicalSectorSize: node.logicalSectorSize, removable: node.removable, readOnly: node.readOnly,
    model: node.model, serial: node.serial, mountpoints: node.mountpoints, partitions: [],
  };
  if (node.transport !== undefined) device.transport = node.transport;
  if (backing) device.backing = backing;
  const tableType = knownTableType(table.tableType);
  if (tableType) {
    device.tableType = tableType;
    const entries = await readPartitionTable(run, node.path, node.logicalSectorSize);
    for (const entry of entries) device.partitions.push(await partitionOf(run, node, entry));
  }
  return device;
}

/**
 * Every `disk` and `loop` device of this machine, in the order lsblk lists them: that order is the disk numbering
 * (`--target-disk N` is the N-th, from 0). Skipped: rom, zram and empty drives, partition and device-mapper
 * children, loop devices without a backing file, and devices this process may not open (a container's host disks:
 * nothing could be written to them either). A table other than GPT or MBR reads as no table.
 *
 * Partitions come from `sfdisk --json`; a partition's file system from lsblk when the kernel made a node for it and
 * udev knows it, else from `blkid --probe` at its offset on the whole device (containers make no partition nodes).
 * @throws TaskseqError `unsupported` naming the command when a tool fails or prints what cannot be read
 */
export async function readBlockDevices(run: RunProcess): Promise<BlockDevice[]> {
  const nodes = await listBlockNodes(run);
  const loops = await readLoopBacking(run);
  const devices: BlockDevice[] = [];
  for (const node of nodes.filter(isCandidate)) {
    const backing = loops.get(node.path);
    if (node.type === 'loop' && !backing) continue;
    const device = await deviceOf(run, node, backing);
    if (device) devices.push(device);
  }
  return devices;
}
