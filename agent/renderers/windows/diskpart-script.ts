/**
 * The diskpart script the Windows backend feeds to `diskpart /s` for a layout (pure). Sizes are MiB, which is what
 * diskpart's `size=` means; the partition that reaches the end of the usable space gets no size so diskpart takes
 * the rest exactly as it computes it.
 */
import {
  gptAttributesOf, gptTypeOf, MIB, mbrTypeOf, partitionEnd, refuseLayoutProblems, TaskseqError, usableRange,
} from '../../../engine/index.ts';
import type { DiskFacts, PartitionLayout, PlannedPartition } from '../../../engine/index.ts';

export interface DiskpartScriptOptions {
  /** Partition number -> drive letter (`C` or `C:`) to assign; partitions not listed get `assign` (next free). */
  letters?: ReadonlyMap<number, string>;
}

function createCommand(p: PlannedPartition, reachesEnd: boolean): string {
  const kind = p.role === 'EFI' ? 'efi' : p.role === 'MSR' ? 'msr' : p.role === 'Extended' ? 'extended' : p.role === 'Logical' ? 'logical' : 'primary';
  return reachesEnd ? `create partition ${kind}` : `create partition ${kind} size=${p.sizeBytes / MIB}`;
}

function formatCommand(p: PlannedPartition, diskIndex: number): string | undefined {
  if (!p.fileSystem) return undefined;
  if (p.label?.includes('"')) {
    throw new TaskseqError('invalid-input', `disk ${diskIndex} partition ${p.number}: the volume label ${p.label} contains a double quote, which diskpart cannot take`);
  }
  const label = p.label ? ` label="${p.label}"` : '';
  return `format ${p.quickFormat ? 'quick ' : ''}fs=${p.fileSystem.toLowerCase()}${label}`;
}

/** `set id` / `gpt attributes` lines that turn a basic partition into a recovery or hidden one. */
function typeCommands(p: PlannedPartition, style: 'MBR' | 'GPT'): string[] {
  if (style === 'MBR') {
    if (p.role !== 'Recovery' && p.role !== 'Hidden') return [];
    return [`set id=${mbrTypeOf(p.role, p.fileSystem).toString(16)}`];
  }
  if (p.role !== 'Recovery' && p.role !== 'Hidden') return [];
  const attributes = `gpt attributes=0x${gptAttributesOf(p.role).toString(16).padStart(16, '0')}`;
  return p.role === 'Recovery' ? [`set id="${gptTypeOf(p.role).toLowerCase()}"`, attributes] : [attributes];
}

function letterCommand(p: PlannedPartition, letters: ReadonlyMap<number, string> | undefined): string | undefined {
  if (!p.fileSystem || !p.assignLetter) return undefined;
  const letter = letters?.get(p.number)?.replace(':', '');
  return letter ? `assign letter=${letter}` : 'assign';
}

/**
 * Renders the script: select the disk, `clean`, `convert gpt|mbr`, then per partition create, format, assign and
 * the type changes (recovery: GPT type id + attributes 0x8000000000000001, MBR id 27; `active` for bootable MBR).
 * Lines end in CRLF.
 * @throws TaskseqError('unsupported') for a layout the disk cannot hold or a volume Windows will not format (engine
 *   layout check), TaskseqError('invalid-input') for a label diskpart cannot quote.
 */
export function renderDiskpartScript(layout: PartitionLayout, disk: DiskFacts, options: DiskpartScriptOptions = {}): string {
  refuseLayoutProblems(disk, layout, ['table', 'format']);
  const { end } = usableRange(disk, layout.style);
  const extended = layout.partitions.find((p) => p.role === 'Extended');
  const lines = [`select disk ${layout.diskIndex}`, 'clean', `convert ${layout.style.toLowerCase()}`];
  for (const p of layout.partitions) {
    const limit = p.role === 'Logical' && extended ? partitionEnd(extended) : end;
    lines.push(createCommand(p, partitionEnd(p) === limit));
    const format = formatCommand(p, layout.diskIndex);
    if (format) lines.push(format);
    lines.push(...typeCommands(p, layout.style));
    if (p.active) lines.push('active');
    const assign = letterCommand(p, options.letters);
    if (assign) lines.push(assign);
  }
  lines.push('exit');
  return lines.map((l) => `${l}\r\n`).join('');
}
