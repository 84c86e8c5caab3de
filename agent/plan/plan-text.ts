/**
 * A plan as an engineer reads it before a live run: each step in order with its outcome, and under it every command
 * the backend would run (scripts shown in full), the work it would do itself and what it would refuse. Also the
 * plan's JSON form. Everything passes through the run's redaction.
 */
import { quoteWindowsArgv } from '../renderers/windows/dism-command.ts';
import type { PlannedAction } from '../backends/plan/command-plan.ts';
import { formatCommandLine } from '../backends/process/command-line.ts';
import type { PlanResult } from './plan-run.ts';


function actionLines(action: PlannedAction, windows: boolean): string[] {
  if (action.kind === 'refused') return [`refused: ${action.reason}`];
  if (action.kind === 'work') return [`(taskseq) ${action.description}`];
  const line = action.line ?? (windows ? quoteWindowsArgv([...action.argv]) : formatCommandLine(action.argv));
  if (action.input === undefined) return [`$ ${line}`];
  const script = action.input.replace(/\r?\n$/, '').split(/\r?\n/);
  return windows
    ? [`$ ${line}`, '  with the script:', ...script.map((l) => `  | ${l}`)]
    : [`$ ${line} <<'END'`, ...script.map((l) => `  ${l}`), '  END'];
}

const OUTCOME = { runs: 'runs', failed: 'FAILS', skipped: 'skipped', disabled: 'disabled' } as const;

/** The plan as text, one line per element. */
export function renderPlanText(plan: PlanResult): string[] {
  const out = [`Plan for the ${plan.backend} backend: ${plan.sequence} on ${plan.machine}`, ...plan.assumptions.map((a) => `  note: ${a}`), ''];
  for (const w of plan.warnings) out.push(`warning: ${w}`);
  let commands = 0;
  for (const entry of plan.entries) {
    if (entry.kind === 'restart') {
      out.push(`-- restart into ${entry.target === 'HD' ? 'the installed Windows' : 'the boot image (Windows PE)'}`);
      for (const call of entry.calls) out.push(...call.actions.flatMap((a) => actionLines(a, call.backend === 'winpe')).map((l) => `    ${l}`));
      continue;
    }
    const where = entry.path ? ` (${entry.path})` : '';
    out.push(`[${entry.index + 1}] ${entry.name}${where}: ${OUTCOME[entry.outcome]}${entry.reason ? ` - ${entry.reason}` : ''}`);
    if (entry.calls.some((c) => c.backend !== plan.backend)) out.push('    in the installed Windows, where the agent runs as the winpe backend:');
    for (const call of entry.calls) {
      for (const action of call.actions) {
        if (action.kind === 'command') commands++;
        out.push(...actionLines(action, call.backend === 'winpe').map((l) => `    ${l}`));
      }
    }
  }
  out.push('', `${commands} command(s); the walk ${plan.status === 'succeeded' ? 'reached the end of the sequence' : `failed (exit ${plan.exitCode})`}.`);
  if (plan.refusals.length) out.push(`${plan.refusals.length} action(s) the ${plan.backend} backend would refuse: ${[...new Set(plan.refusals.map((r) => r.step))].join(', ')}.`);
  return out.map((l) => plan.redact(l));
}

/** The plan as one JSON value. */
export function planJson(plan: PlanResult): unknown {
  const text = JSON.stringify({
    backend: plan.backend, machine: plan.machine, sequence: plan.sequence, status: plan.status, exitCode: plan.exitCode,
    assumptions: plan.assumptions, warnings: plan.warnings, refusals: plan.refusals,
    entries: plan.entries.map((e) => (e.kind === 'restart' ? { kind: e.kind, target: e.target, actions: e.calls.flatMap((c) => c.actions.map((a) => ({ call: c.call, backend: c.backend, ...a }))) } : {
      kind: e.kind, index: e.index, path: e.path, name: e.name, type: e.type, outcome: e.outcome, reason: e.reason ?? null,
      actions: e.calls.flatMap((c) => c.actions.map((a) => ({ call: c.call, backend: c.backend, ...a }))),
    })),
  });
  return JSON.parse(plan.redact(text)) as unknown;
}
