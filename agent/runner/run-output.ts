/**
 * What the run reports while it runs: the log (CMTrace, and JSON Lines on request) in the machine's time and time
 * zone, with status events to `--status-url` teed off its events.
 */
import type { Program, RunEvent } from '../../engine/index.ts';
import type { Backend } from '../backends/backend.ts';
import type { DeploymentInput } from './deployment-input.ts';
import { createRunLog } from '../log/index.ts';
import type { OutputOptions } from './deployment-options.ts';
import type { RunVariables } from './run-variables.ts';
import type { StateFolder } from './state-folder.ts';
import { wireStatus, type RunStatus } from './status-wiring.ts';

export interface RunOutputRequest {
  output: OutputOptions;
  folder: StateFolder;
  backend: Backend;
  program: Program;
  client: DeploymentInput['client'];
  variables: RunVariables;
  /** Lines from before the log existed (a stale lock taken over, a torn journal record), written to it first. */
  warnings: readonly string[];
}

/** The run's output; {@link RunStatus.close} ends the status reporting and closes the log. */
export function openRunOutput(r: RunOutputRequest): RunStatus {
  const { output, backend, variables } = r;
  const clock = backend.ports.clock;
  const log = createRunLog({
    dir: output.logDir, format: output.logFormat, now: () => clock.now(), biasMinutes: backend.ports.system.environment().timeZone.bias,
    redact: (t) => variables.redact(t), console: output.console,
    ...(output.eventLines ? { eventLines: output.eventLines } : {}),
  });
  const onEvent = output.onEvent;
  const followed = onEvent ? { ...log, event: (e: RunEvent) => { log.event(e); onEvent(e); } } : log;
  const status = wireStatus(followed, {
    url: output.statusUrl, client: r.client, disabledMarker: r.folder.statusDisabledMarker, variable: (n) => variables.current().get(n),
    context: { now: () => clock.now(), machine: () => backend.ports.system.environment().machineName,
      sequence: { name: r.program.name, packageId: r.program.packageId }, redact: (t) => variables.redact(t) },
  });
  for (const message of r.warnings) status.log.write({ severity: 'warning', component: 'TSManager', message });
  return { ...status, close: async () => { await status.close(); log.close(); } };
}
