/** Where the engine's log lines and structured events go. The agent writes them as CMTrace and JSON. */

export type LogSeverity = 'info' | 'warning' | 'error';

export interface LogLine {
  severity: LogSeverity;
  /** Engine subsystem or step type, e.g. `TSManager`, `InstallSoftware`. */
  component: string;
  /** Already redacted by the engine. */
  message: string;
}

/**
 * What a run reports as it goes. `step-progress` is a running step's long operation (at most one per whole percent of
 * an activity, never after the step's result, not journalled): see docs/engine-semantics.md, "Progress".
 */
export type RunEvent =
  | { kind: 'run-start'; sequence: string; packageId: string; resumed: boolean; inWinPE: boolean }
  | { kind: 'step-start'; index: number; path: string; name: string; type: string; attempt: number }
  | { kind: 'step-skip'; index: number; path: string; name: string; type: string; outcome: 'skipped' | 'disabled'; reason: string }
  | { kind: 'step-progress'; index: number; path: string; name: string; activity: string; percent: number; bytesDone?: number; bytesTotal?: number }
  | { kind: 'step-result'; index: number; path: string; name: string; type: string; outcome: 'succeeded' | 'failed'; exitCode: number; reason?: string }
  | { kind: 'variable'; name: string; value: string | null; secret: boolean }
  | { kind: 'reboot'; afterStep: number; target: 'HD' | 'WinPE' }
  | { kind: 'run-end'; status: 'succeeded' | 'failed'; exitCode: number };

export interface LogPort {
  write(line: LogLine): void;
  event(e: RunEvent): void;
  /** Makes everything written so far durable (called before a reboot and at exit). */
  flush(): void;
}
