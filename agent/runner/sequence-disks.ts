/**
 * The disk numbers a sequence's steps name, which `--yes` lets a live backend change: every literal `DiskIndex`
 * option (Format and Partition Disk). A number that comes from a variable is not known before the run, so `--yes`
 * does not cover it; `--target-disk` does.
 */
import type { Program } from '../../engine/index.ts';

export function sequenceDisks(program: Program): number[] {
  const found = new Set<number>();
  for (const instr of program.instructions) {
    if (instr.kind !== 'step' || instr.disabled) continue;
    for (const entry of instr.defaults) {
      if ((entry.property ?? '').toLowerCase() === 'diskindex' && /^\s*\d+\s*$/.test(entry.value)) found.add(Number(entry.value));
    }
  }
  return [...found].sort((a, b) => a - b);
}
