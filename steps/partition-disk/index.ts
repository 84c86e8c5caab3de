/**
 * Format and Partition Disk: wipes one disk and lays out partitions, file systems and drive letters through the
 * Disks port, then stores each partition's letter in its letter variable (e.g. `OSDisk=C:`). MDT uses the same type
 * with a script action; the options carry the layout either way, so the action is ignored.
 */
import type { AppliedLayout, PartitionLayout, StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import { parsePartitionDiskOptions } from './parse-options.ts';
import { planLayout, selectDisk } from './plan.ts';
import { validatePartitionDisk } from './validate.ts';
import { partitionDiskManifest, PARTITION_DISK_TYPE } from './manifest.ts';

export { PARTITION_DISK_TYPE } from './manifest.ts';
export { planLayout, selectDisk, describePartition, formatBytes } from './plan.ts';
export type { PlanResult } from './plan.ts';
export { parsePartitionDiskOptions } from './parse-options.ts';
export type { PartitionDiskOptions, PartitionEntry, SizeUnit } from './parse-options.ts';

function fail(exitCode: number, message: string): StepResult {
  return { exitCode, message };
}

/** The property names the step carries, so entries beyond `Partitions` are found too. */
function carriedProperties(ctx: StepContext): string[] {
  return (ctx.step.node.defaultVarList ?? []).map((d) => d.property ?? d.name);
}

/** Drive letters as `C:` whatever form the backend gave. */
function normalizeLetter(letter: string): string {
  return /^[A-Za-z]$/.test(letter) ? `${letter.toUpperCase()}:` : letter.toUpperCase();
}

function storeLetters(ctx: StepContext, layout: PartitionLayout, applied: AppliedLayout): StepResult | undefined {
  for (const p of layout.partitions) {
    if (!p.letterVariable) continue;
    const letter = applied.letters.find((l) => l.number === p.number)?.letter;
    if (!letter) {
      ctx.log.warn(`partition ${p.number} got no drive letter; ${p.letterVariable} is not set`);
      continue;
    }
    const failed = setStepVariable(ctx.vars, p.letterVariable, normalizeLetter(letter), { prefix: `partition ${p.number}: ` });
    if (failed) return failed;
    ctx.log.info(`Set ${p.letterVariable} = ${normalizeLetter(letter)} (partition ${p.number})`);
  }
  return undefined;
}

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return fail(EXIT_NOT_SUPPORTED, 'Format and Partition Disk runs only in Windows PE');
  const parsed = parsePartitionDiskOptions((p) => ctx.option(p), carriedProperties(ctx));
  const bad = parsed.problems.find((p) => p.severity === 'error');
  if (bad) return fail(EXIT_INVALID_PARAMETER, bad.message);
  for (const w of parsed.problems) ctx.log.warn(w.message);
  const disk = selectDisk(ctx.ports.disks.list(), parsed.options.diskIndex);
  if ('error' in disk) return fail(EXIT_INVALID_PARAMETER, disk.error);
  const plan = planLayout(parsed.options, disk);
  if ('error' in plan) return fail(EXIT_INVALID_PARAMETER, plan.error);
  ctx.log.info(`Partitioning disk ${disk.index} (${disk.model}, ${disk.sectorSize}-byte sectors) as ${plan.layout.style}; everything on it is erased`);
  for (const line of plan.explain) ctx.log.info(line);
  for (const line of plan.warnings) ctx.log.warn(line);
  const applied = await ctx.ports.disks.apply(plan.layout);
  return storeLetters(ctx, plan.layout, applied) ?? { exitCode: 0 };
}

/** Format and Partition Disk (`SMS_TaskSequence_PartitionDiskAction`). */
export const partitionDiskStep: StepModule = {
  id: 'partition-disk',
  component: 'OSDDiskPart',
  manifest: partitionDiskManifest,
  runIn: 'WinPE',
  // Wiping and partitioning again after an interruption gives the same result.
  rerunnable: true,
  ports: ['disks'],
  validate: validatePartitionDisk,
  machineCalls: (view) => {
    const text = view.options.DiskIndex?.trim() ?? '';
    return /^\d+$/.test(text) ? [{ kind: 'disk', index: Number(text), field: view.optionVariables.DiskIndex ?? 'DiskIndex' }] : [];
  },
  run,
};
