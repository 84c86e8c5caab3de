/**
 * `taskseq plan`: the sequence runs on a simulated machine in a throwaway state folder while the live backend's
 * planner records what it would run for every changing call. The machine's facts come from its profile (or from
 * this PC with `--machine local`); nothing outside the throwaway folder is written, not even to a connected share.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaType } from '../../engine/index.ts';
import type { ConnectedShare } from '../backends/host-files/shares.ts';
import { DEFAULT_MACHINE, type LiveBackendKind } from '../backends/select.ts';
import type { RunVariable } from '../runner/deployment-options.ts';
import { runDeployment } from '../runner/run-deployment.ts';
import { createPlanCollector, type PlanEntry } from './plan-entries.ts';

export interface PlanRequest {
  file: string;
  backend: LiveBackendKind;
  /** `--machine`: a built-in profile, a profile file or `local`. */
  machine?: string;
  /** `--share`: the network shares the run would reach (the walk writes to empty stand-ins, never to their folders). */
  shares?: ConnectedShare[];
  content?: string;
  drivers?: string;
  children?: string;
  mediaType?: MediaType;
  variables: RunVariable[];
  allowUnknownSteps: boolean;
}

export interface PlanResult {
  backend: LiveBackendKind;
  machine: string;
  sequence: string;
  /** How the simulated walk ended: a plan whose walk failed shows where the live run would stop too. */
  status: 'succeeded' | 'failed';
  exitCode: number;
  entries: readonly PlanEntry[];
  /** What the plan rests on, said with it. */
  assumptions: string[];
  /** Warnings the preflight found. */
  warnings: string[];
  /** The refusals of the chosen backend itself, each under its step: what would fail (or stop) a live run there. */
  refusals: Array<{ step: string; reason: string }>;
  redact: (text: string) => string;
}

/** Refused actions of `backend` (not of the Windows backend a restart hands over to), by step path. */
function refusalsOf(entries: readonly PlanEntry[], backend: string): PlanResult['refusals'] {
  return entries.flatMap((e) => e.calls.filter((c) => c.backend === backend)
    .flatMap((c) => c.actions.flatMap((a) => (a.kind === 'refused' ? [{ step: e.kind === 'restart' ? `restart into ${e.target}` : e.path || e.name, reason: a.reason }] : []))));
}

/** What every plan rests on. */
const ASSUMPTIONS = [
  'nothing was changed: the sequence ran on a simulated machine built from the machine\'s facts',
  'conditions were decided on that simulated machine; commands it has no script for were assumed to succeed (exit 0)',
  'devices are named as <disk N> and <disk N partition M>; a live run addresses the disks --target-disk names',
];

/** The shares as empty folders in the throwaway folder: the walk's captures must not reach the real shares. */
function standIns(shares: readonly ConnectedShare[], scratch: string): ConnectedShare[] {
  return shares.map((share, i) => {
    const folder = join(scratch, 'shares', String(i));
    mkdirSync(folder, { recursive: true });
    return { ...share, folder };
  });
}

/**
 * Walks the sequence and returns the plan.
 * @throws InvalidInputError for a sequence, option or machine that a run would refuse too
 */
export async function planSequence(r: PlanRequest): Promise<PlanResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'taskseq-plan-'));
  const collector = createPlanCollector();
  try {
    const report = await runDeployment({
      input: { file: r.file, children: r.children, variables: r.variables, allowUnknownSteps: r.allowUnknownSteps },
      content: { folder: r.content, drivers: r.drivers, cacheDir: join(scratch, 'cache') },
      machine: { machine: r.machine, backend: r.backend, plan: collector, mediaType: r.mediaType, strictCommands: false, shares: standIns(r.shares ?? [], scratch) },
      output: { stateDir: join(scratch, 'state'), logDir: join(scratch, 'logs'), logFormat: 'cmtrace', reset: true, onEvent: (e) => collector.onEvent(e) },
    });
    return {
      backend: r.backend, machine: r.machine ?? DEFAULT_MACHINE, sequence: collector.sequence ?? r.file,
      status: report.status, exitCode: report.exitCode, entries: collector.entries, assumptions: ASSUMPTIONS,
      warnings: report.problems.map((p) => report.redact(p.message)), redact: report.redact,
      refusals: refusalsOf(collector.entries, r.backend),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
