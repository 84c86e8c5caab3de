/**
 * The disk numbers a sequence's steps name, which `--yes` lets a live backend change: every disk an active step
 * declares it rewrites (`StepModule.machineCalls`, e.g. Format and Partition Disk's literal `DiskIndex`). A number
 * that comes from a variable is not known before the run, so `--yes` does not cover it; `--target-disk` does.
 */
import { stepView, type Program, type Registry } from '../../engine/index.ts';

export function sequenceDisks(program: Program, registry: Registry): number[] {
  const found = new Set<number>();
  for (const instr of program.instructions) {
    if (instr.kind !== 'step' || instr.disabled || instr.node.kind === 'group') continue;
    const module = registry.find(instr.node.type ?? '');
    for (const call of module?.machineCalls?.(stepView(instr, program)) ?? []) if (call.kind === 'disk') found.add(call.index);
  }
  return [...found].sort((a, b) => a - b);
}
