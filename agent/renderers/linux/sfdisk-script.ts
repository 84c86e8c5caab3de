/**
 * What the Linux backend runs for a layout (pure): an sfdisk script for the partition table and mkfs argv lists for
 * the file systems. Types, attributes and names match what the simulated tables contain (engine/disks).
 */
import {
  GPT_ATTRIBUTE, gptAttributesOf, gptNameOf, gptTypeOf, mbrTypeOf, refuseLayoutProblems,
} from '../../../engine/index.ts';
import type { DiskFacts, PartitionLayout, PlannedPartition } from '../../../engine/index.ts';


/** sfdisk's `attrs=` text: `RequiredPartition` for bit 0, `GUID:<bit>` for bits 48-63. */
function attrsOf(bits: bigint): string | undefined {
  const names: string[] = [];
  if (bits & GPT_ATTRIBUTE.platformRequired) names.push('RequiredPartition');
  for (let bit = 48n; bit < 64n; bit++) if (bits & (1n << bit)) names.push(`GUID:${bit}`);
  return names.length ? names.join(',') : undefined;
}

function partitionLine(p: PlannedPartition, layout: PartitionLayout, sectorSize: number): string {
  const fields = [`start=${p.offsetBytes / sectorSize}`, `size=${p.sizeBytes / sectorSize}`];
  if (layout.style === 'GPT') {
    fields.push(`type=${gptTypeOf(p.role)}`);
    const attrs = attrsOf(gptAttributesOf(p.role));
    if (attrs) fields.push(`attrs="${attrs}"`);
    fields.push(`name="${gptNameOf(p.role)}"`);
  } else {
    fields.push(`type=${mbrTypeOf(p.role, p.fileSystem).toString(16)}`);
    if (p.active) fields.push('bootable');
  }
  return fields.join(', ');
}

/**
 * The sfdisk script (`label: gpt|dos`, `unit: sectors`, `sector-size:`, one line per partition, in layout order).
 * On MBR sfdisk makes every line inside the extended partition a logical one (numbered from 5) and numbers the others
 * 1-4 in order, which is the planner's numbering. Starts and sizes are whole sectors (layouts are on the MiB grid).
 * Only table problems are refused: mkfs.fat formats FAT32 volumes beyond Windows' 32 GiB.
 * @throws TaskseqError('unsupported') for a layout the disk cannot hold (engine layout check)
 */
export function renderSfdiskScript(layout: PartitionLayout, disk: DiskFacts): string {
  refuseLayoutProblems(disk, layout, ['table']);
  const header = [`label: ${layout.style === 'GPT' ? 'gpt' : 'dos'}`, 'unit: sectors', `sector-size: ${disk.sectorSize}`, ''];
  return [...header, ...layout.partitions.map((p) => partitionLine(p, layout, disk.sectorSize))].join('\n') + '\n';
}

/** How many heads and sectors per track the NTFS boot sector records: what Windows' format writes for a fixed disk. */
const NTFS_HEADS = '255';
const NTFS_SECTORS_PER_TRACK = '63';

/**
 * One argv per formatted partition: `mkfs.fat -F 32 -I -h START [-n LABEL] dev` and `mkfs.ntfs [--quick] [--label LABEL]
 * --partition-start START --heads 255 --sectors-per-track 63 dev` (`--quick` is the documented long form; `--fast` and
 * `-f` are the same option). START is the partition's first sector (in `sectorSize` units), written into the boot
 * sector as its hidden sectors: mkfs finds it itself only on a kernel partition node, and a loop device standing for
 * a partition would leave 0, which Windows cannot boot from. `devicePath(n)` names the device of partition n.
 */
export function renderFormatCommands(
  layout: PartitionLayout, devicePath: (partitionNumber: number) => string, sectorSize: number,
): string[][] {
  return layout.partitions.filter((p) => p.fileSystem).map((p) => {
    const dev = devicePath(p.number);
    const start = String(p.offsetBytes / sectorSize);
    // -I: the device is one partition, but a loop device standing for it may still carry the kernel's stale partition
    // entries from an earlier use as a whole disk, and mkfs.fat refuses a device it thinks is partitioned.
    if (p.fileSystem === 'FAT32') return ['mkfs.fat', '-F', '32', '-I', '-h', start, ...(p.label ? ['-n', p.label] : []), dev];
    return [
      'mkfs.ntfs', ...(p.quickFormat ? ['--quick'] : []), ...(p.label ? ['--label', p.label] : []),
      '--partition-start', start, '--heads', NTFS_HEADS, '--sectors-per-track', NTFS_SECTORS_PER_TRACK, dev,
    ];
  });
}
