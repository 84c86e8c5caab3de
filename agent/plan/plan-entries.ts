/**
 * Collects a plan while its simulated run goes: the run's step events say which step is running, and every action the
 * live backend's planner gives for a port call is filed under that step.
 */
import type { RunEvent } from '../../engine/index.ts';
import type { PlannedAction } from '../backends/plan/command-plan.ts';
import type { PlanSink } from '../backends/plan/plan-recorder.ts';

/** A step of the sequence as the plan walked it. */
export interface PlannedStep {
  kind: 'step';
  index: number;
  path: string;
  name: string;
  type: string;
  /** `failed`: it failed on the simulated machine (and would on the live one, for the same reason). */
  outcome: 'runs' | 'failed' | 'skipped' | 'disabled';
  reason?: string;
  /** The port calls the step made, each with what the live backend would do for it. */
  calls: Array<{ call: string; backend: string; actions: readonly PlannedAction[] }>;
}

/** A restart between steps. */
export interface PlannedRestart {
  kind: 'restart';
  target: 'HD' | 'WinPE';
  /** What the backend would do for the restart. */
  calls: Array<{ call: string; backend: string; actions: readonly PlannedAction[] }>;
}

export type PlanEntry = PlannedStep | PlannedRestart;

export interface PlanCollector extends PlanSink {
  onEvent(event: RunEvent): void;
  readonly entries: readonly PlanEntry[];
  /** The sequence's name from the run's start. */
  readonly sequence: string | undefined;
}

export function createPlanCollector(): PlanCollector {
  const entries: PlanEntry[] = [];
  let current: PlannedStep | undefined;
  let sequence: string | undefined;
  return {
    entries,
    get sequence() { return sequence; },
    record(call, actions, backend) {
      // The machine restarts after the step that asked for it ended: its actions go with the restart.
      const last = entries.at(-1);
      if (call === 'restart' && last?.kind === 'restart') {
        last.calls.push({ call, backend, actions });
        return;
      }
      // A call outside any step (a media's prestart command) is filed under a step of its own.
      if (!current) {
        current = { kind: 'step', index: -1, path: '', name: 'before the first step', type: '', outcome: 'runs', calls: [] };
        entries.push(current);
      }
      current.calls.push({ call, backend, actions });
    },
    onEvent(e) {
      switch (e.kind) {
        case 'run-start':
          sequence ??= e.sequence;
          return;
        case 'step-start':
          current = { kind: 'step', index: e.index, path: e.path, name: e.name, type: e.type, outcome: 'runs', calls: [] };
          entries.push(current);
          return;
        case 'step-result':
          if (current && current.index === e.index) {
            if (e.outcome === 'failed') current.outcome = 'failed';
            if (e.reason) current.reason = e.reason;
          }
          current = undefined;
          return;
        case 'step-skip':
          entries.push({ kind: 'step', index: e.index, path: e.path, name: e.name, type: e.type, outcome: e.outcome, reason: e.reason, calls: [] });
          return;
        case 'reboot':
          entries.push({ kind: 'restart', target: e.target, calls: [] });
          return;
        default:
      }
    },
  };
}
