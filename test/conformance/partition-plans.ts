/**
 * Plans every Format and Partition Disk step of a sequence on a blank 256 GB disk, as the conformance run prints
 * them: each must give a valid layout.
 */
import type { DiskFacts, Program } from '../../engine/index.ts';
import { stepView } from '../../engine/index.ts';
import { PARTITION_DISK_TYPE, formatBytes, parsePartitionDiskOptions, planLayout } from '../../steps/partition-disk/index.ts';

/** The disk every corpus plan is made for. */
export const CONFORMANCE_DISK: DiskFacts = {
  index: 0, sizeBytes: 256 * 1000 ** 3, sectorSize: 512, bus: 'SATA', removable: false,
  model: 'Conformance disk', serialNumber: 'CONF0001', style: 'RAW', partitions: [],
};

export interface PlanLine {
  path: string;
  ok: boolean;
  text: string;
}

export function planPartitionSteps(program: Program): PlanLine[] {
  const out: PlanLine[] = [];
  for (const instr of program.instructions) {
    if (instr.kind !== 'step' || instr.type !== PARTITION_DISK_TYPE) continue;
    const view = stepView(instr);
    // The disk index is the step's own; the plan is made for the conformance disk whatever it says.
    const parsed = parsePartitionDiskOptions((p) => (/^DiskIndex$/i.test(p) ? '0' : view.options[p]), Object.keys(view.options));
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    if (errors.length) {
      out.push({ path: instr.path, ok: false, text: errors.map((e) => `${e.field ?? ''}: ${e.message}`).join('; ') });
      continue;
    }
    const plan = planLayout(parsed.options, CONFORMANCE_DISK);
    if ('error' in plan) {
      out.push({ path: instr.path, ok: false, text: plan.error });
      continue;
    }
    const parts = plan.layout.partitions.map((p) => `${p.role}${p.active ? '*' : ''} ${formatBytes(p.sizeBytes)}${p.fileSystem ? ` ${p.fileSystem}` : ''}${p.letterVariable ? ` ->${p.letterVariable}` : ''}`);
    out.push({ path: instr.path, ok: true, text: `${plan.layout.style}: ${parts.join(', ')}` });
  }
  return out;
}
