/**
 * A running step's progress on its way to the run's events: throttled to one event per whole-percent change of an
 * activity, redacted, and dropped once the step has ended. Nothing here is journalled: progress is worth nothing
 * after a restart, and a durable write per percent would slow the very operation it reports.
 */
import type { RunEvent } from '../ports/index.ts';
import type { StepProgress } from '../step-module.ts';

/** The step the progress belongs to, as its other events name it. */
export interface ProgressStep {
  index: number;
  path: string;
  name: string;
}

/** What {@link createStepProgress} returns: the context's `progress` and the end of the step. */
export interface StepProgressReporter {
  report(progress: StepProgress): void;
  /** The step has ended: every later report is dropped. */
  close(): void;
}

/** A byte count worth passing on: a finite number, not negative. */
function bytes(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reports for one step run. `emit` receives the events; `redact` masks secrets in the activity text. A report that
 * cannot be emitted (the log failed) is dropped: the step goes on, and the next durable write reports the failure.
 */
export function createStepProgress(
  step: ProgressStep, emit: (event: RunEvent) => void, redact: (text: string) => string,
): StepProgressReporter {
  const last = new Map<string, number>();
  let open = true;
  return {
    report(progress) {
      if (!open || !Number.isFinite(progress.percent)) return;
      const percent = Math.min(100, Math.max(0, Math.floor(progress.percent)));
      if (last.get(progress.activity) === percent) return;
      last.set(progress.activity, percent);
      const bytesDone = bytes(progress.bytesDone);
      const bytesTotal = bytes(progress.bytesTotal);
      try {
        emit({
          kind: 'step-progress', index: step.index, path: step.path, name: step.name, activity: redact(progress.activity), percent,
          ...(bytesDone !== undefined ? { bytesDone } : {}), ...(bytesTotal !== undefined ? { bytesTotal } : {}),
        });
      } catch {
        // Progress is best effort (see above).
      }
    },
    close() {
      open = false;
    },
  };
}
