/**
 * The Disks port on Windows: the planner's `diskpart /s` action with its script written to the agent's `%TEMP%`,
 * then the disks read back through diskpart. Only the run's target disks are visible, under diskpart's numbers.
 * A non-zero diskpart exit refuses the call with diskpart's own error lines.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { layoutLetters, TaskseqError, type AppliedLayout, type DiskFacts, type PartitionLayout } from '../../../engine/index.ts';
import type { CommandPlanner } from '../plan/command-plan.ts';
import { diskpartFailure, readWindowsDisks, type WindowsDisk } from './diskpart/read-disks.ts';
import type { WindowsHost } from './winpe-host.ts';

export interface WindowsDisks {
  list(): DiskFacts[];
  apply(layout: PartitionLayout): Promise<AppliedLayout>;
}

/** Up to half an hour for a layout: `format` without `quick` writes the whole volume. */
const LAYOUT_TIMEOUT_MS = 30 * 60_000;

/** A planned partition must read back at its offset; diskpart's sizes are rounded, so the plan's are kept. */
function checkedReadBack(layout: PartitionLayout, disk: DiskFacts): DiskFacts {
  const partitions = layout.partitions.map((planned) => {
    const found = disk.partitions.find((p) => p.offsetBytes === planned.offsetBytes);
    if (!found) throw new TaskseqError('unsupported', `disk ${layout.diskIndex} partition ${planned.number}: written at offset ${planned.offsetBytes}, but diskpart reads back no partition there`);
    const volume = found.volume && { ...found.volume, sizeBytes: planned.sizeBytes };
    return { ...found, number: planned.number, sizeBytes: planned.sizeBytes, ...(volume ? { volume } : {}) };
  });
  return { ...disk, style: layout.style, partitions };
}

/**
 * `targets`: the disks the run may change; `letters`: the drive letters every volume of the PC holds now.
 * `inWinPE`: X: is the boot image's and is never given.
 */
export function createWindowsDisks(host: WindowsHost, planner: CommandPlanner, targets: readonly WindowsDisk[], letters: readonly string[], inWinPE: boolean): WindowsDisks {
  let facts = targets.map((t) => t.facts);
  let held = [...letters];
  const target = (index: number) => {
    const disk = facts.find((d) => d.index === index);
    if (!disk) throw new TaskseqError('unsupported', `disk ${index} is not a target disk of this run (name it with --target-disk)`);
    return disk;
  };
  return {
    list: () => structuredClone(facts),
    async apply(layout) {
      const disk = target(layout.diskIndex);
      // The engine's letter rules, as on every backend: the disk's own letters go with its volumes.
      const own = new Set(disk.partitions.flatMap((p) => (p.volume?.letter ? [p.volume.letter] : [])));
      const given = layoutLetters(layout.partitions, new Set(held.filter((l) => !own.has(l))), inWinPE);
      const byNumber = new Map(given.flatMap((l) => (l.letter ? [[l.number, l.letter] as const] : [])));
      for (const action of planner.partitionDisk(layout, disk, byNumber)) {
        if (action.kind === 'refused') throw new TaskseqError('unsupported', action.reason);
        if (action.kind !== 'command') continue;
        const scriptPath = action.argv[2]!;
        writeFileSync(scriptPath, action.input ?? '');
        try {
          const r = await host.run({ argv: action.argv, timeoutMs: LAYOUT_TIMEOUT_MS });
          if (r.exitCode !== 0 || r.killed) throw diskpartFailure(`diskpart /s (disk ${layout.diskIndex})`, r);
        } finally {
          rmSync(scriptPath, { force: true });
        }
      }
      const after = await readWindowsDisks(host.run);
      held = after.letters;
      const read = after.disks.find((d) => d.facts.index === layout.diskIndex);
      if (!read) throw new TaskseqError('unsupported', `disk ${layout.diskIndex}: diskpart no longer lists it after the layout`);
      const written = checkedReadBack(layout, read.facts);
      facts = facts.map((d) => (d.index === written.index ? written : d));
      return { diskIndex: layout.diskIndex, letters: written.partitions.map((p) => ({ number: p.number, ...(p.volume?.letter ? { letter: p.volume.letter } : {}) })) };
    },
  };
}
