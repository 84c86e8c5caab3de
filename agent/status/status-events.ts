/**
 * The JSON status events the agent posts: one object per event, with what identifies the run. Every string passes
 * through the run's redaction, so a secret value can never leave the machine in an event.
 */
import type { RunEvent } from '../../engine/index.ts';

export interface StatusContext {
  /** Machine time, milliseconds since the epoch. */
  now: () => number;
  machine: () => string;
  sequence: { name: string; packageId: string };
  redact: (text: string) => string;
}

/** Event kinds that are reported (variable changes, step starts and skips stay in the log). */
const REPORTED = new Set<RunEvent['kind']>(['run-start', 'step-result', 'reboot', 'run-end']);

/** Applies `redact` to every string in a JSON value. */
function redactAll(value: unknown, redact: (t: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactAll(v, redact));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAll(v, redact)]));
  return value;
}

/**
 * The status event for an engine event, or undefined when it is not reported. Shape:
 * `{ format: 'taskseq-status', version: 1, seq, time, machine, sequence: { name, packageId }, kind, ...details }`.
 */
export function toStatusEvent(e: RunEvent | { kind: 'content-failed'; message: string }, seq: number, c: StatusContext): Record<string, unknown> | undefined {
  if (e.kind !== 'content-failed' && !REPORTED.has(e.kind)) return undefined;
  const { kind, ...details } = e;
  // The envelope comes last: the engine's run-start names the sequence with a plain string.
  return redactAll({
    kind, ...details, format: 'taskseq-status', version: 1, seq, time: new Date(c.now()).toISOString(), machine: c.machine(),
    sequence: c.sequence,
  }, c.redact) as Record<string, unknown>;
}
