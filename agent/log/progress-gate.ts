/**
 * Which of a step's progress events become lines a person reads. The engine sends one per whole percent; smsts.log
 * gets the first and the last of each pass of an activity (a line per percent would bury the log), the console one
 * at most every 10 %. The JSON outputs keep every event.
 */
import type { RunEvent } from '../../engine/index.ts';

type ProgressEvent = Extract<RunEvent, { kind: 'step-progress' }>;

export interface ProgressGate {
  /** Whether the event gets a CMTrace line (`log`) and a console line (`console`). */
  pass(e: ProgressEvent): { log: boolean; console: boolean };
  /** The step at `index` has ended: what it reported is forgotten. */
  end(index: number): void;
}

export function createProgressGate(): ProgressGate {
  const seen = new Map<string, { index: number; percent: number; printedTenth: number }>();
  return {
    pass(e) {
      const key = `${e.index}\u0000${e.activity}`;
      const before = seen.get(key);
      // A lower percent than before starts a new pass (an integrity check, then the extraction), shown from its start.
      const fresh = before === undefined || e.percent < before.percent;
      const tenth = Math.floor(e.percent / 10);
      const console = fresh || tenth > before.printedTenth;
      seen.set(key, { index: e.index, percent: e.percent, printedTenth: console ? tenth : before.printedTenth });
      return { log: fresh || e.percent === 100, console };
    },
    end(index) {
      for (const [key, value] of seen) if (value.index === index) seen.delete(key);
    },
  };
}
