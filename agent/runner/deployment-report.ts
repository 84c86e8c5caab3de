/** The end of a run: the machine saved and written out, the log flushed, and what the CLI reports. */
import { writeFileSync } from 'node:fs';
import type { Problem, RebootRecord, StepRecord } from '../../engine/index.ts';
import type { VariableStore } from '../../variables/index.ts';
import type { Backend, DiskImage } from '../backends/backend.ts';
import type { RunLog } from '../log/index.ts';
import type { StateFolder } from './state-folder.ts';

export interface DeploymentReport {
  status: 'succeeded' | 'failed';
  exitCode: number;
  steps: StepRecord[];
  reboots: RebootRecord[];
  /** Final variables with secret values masked. */
  variables: Record<string, string>;
  /** Warnings found before the run (errors stop it before this report exists). */
  problems: Problem[];
  /** Why the run ended early, when a restart could not happen. */
  message?: string;
  /** The CMTrace log (smsts.log), written whatever the log format. */
  logFile: string;
  /** The JSON Lines log (smsts.jsonl) when `--log-format json` asked for it. */
  jsonLogFile?: string;
  stateDir: string;
  /** The machine's disks as image files at the end of the run (what `sfdisk --json` reads back). */
  disks: DiskImage[];
  /** Redacts a text with everything the run knew to be secret (for the CLI's own messages). */
  redact: (text: string) => string;
}

/** How the last engine instance ended, as far as the report needs it. */
export interface RunEnd {
  status: string;
  exitCode: number;
  steps: StepRecord[];
  reboots: RebootRecord[];
  variables: VariableStore;
}

/** What every end of a run has in common. */
export interface RunFinish {
  folder: StateFolder;
  backend: Backend;
  log: RunLog;
  /** The preflight's warnings. */
  problems: Problem[];
}

/** Saves the machine, writes its final state, flushes the log and returns the report; `message`: why it ended early. */
export function finishRun(at: RunFinish, end: RunEnd, message?: string): DeploymentReport {
  const { backend, log } = at;
  backend.save();
  writeFileSync(at.folder.finalStateFile, JSON.stringify(backend.finalState(), null, 2) + '\n');
  log.flush();
  const vars = end.variables;
  return {
    status: end.status === 'succeeded' ? 'succeeded' : 'failed', exitCode: end.exitCode,
    steps: end.steps, reboots: end.reboots, variables: vars.toRedactedRecord(), problems: at.problems,
    ...(message ? { message: vars.redact(message) } : {}), logFile: log.path,
    ...(log.jsonPath !== undefined ? { jsonLogFile: log.jsonPath } : {}), stateDir: at.folder.dir,
    disks: backend.diskImages(), redact: (t) => vars.redact(t),
  };
}
