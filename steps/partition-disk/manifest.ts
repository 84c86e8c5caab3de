/**
 * Format and Partition Disk's facts: its type and the disk-wide options. The `Partitions<n>…` entries are numbered
 * properties, read by `parse-options.ts`.
 */
import { defineManifest } from '../../engine/step-api.ts';

export const PARTITION_DISK_TYPE = 'SMS_TaskSequence_PartitionDiskAction';

export const partitionDiskManifest = defineManifest({
  types: [{ type: PARTITION_DISK_TYPE, displayName: 'Format and Partition Disk', defaultRunIn: 'WinPE' }],
  options: [
    { kind: 'count', name: 'DiskIndex', variable: 'OSDDiskIndex', code: 'invalid-disk-index', missing: 'expected the number of the disk to partition', description: 'disk number' },
    { kind: 'one-of', name: 'PartitionStyle', variable: 'OSDPartitionStyle', values: ['MBR', 'GPT'], code: 'invalid-partition-style', missing: 'expected MBR or GPT', description: 'partition table, any case' },
    { kind: 'count', name: 'Partitions', variable: 'OSDPartitions', code: 'invalid-partition-count', description: 'number of entries; when it disagrees with the entries present: warning, the entries win' },
    { kind: 'text', name: 'DiskType', variable: 'OSDDiskType', description: '`BASIC` (or absent); `DYNAMIC` is an error' },
    { kind: 'flag', name: 'GPTBootDisk', variable: 'OSDGPTBootDisk', default: false, description: 'accepted; adds nothing (see below)' },
    { kind: 'flag', name: 'DiskpartBiosCompatibilityMode', variable: 'OSDDiskpartBiosCompatibilityMode', default: false, description: 'accepted, logged as ignored' },
  ],
});
