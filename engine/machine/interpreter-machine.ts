/**
 * The run's lifecycle as one generic xstate machine with the instruction pointer in its context:
 * dispatching (evaluate disable/condition, find the next step) -> running (the step) -> dispatching | rebooting |
 * succeeded | failed. The work of each state is done by actors supplied by the run (so step definitions stay out of
 * the context); the journal persists the machine's snapshots, and a restored snapshot re-invokes the in-flight actor
 * with its saved input.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { StepRecord } from '../journal/records.ts';
import type { Settled } from './settle.ts';

export interface InterpreterContext {
  ip: number;
  attempt: number;
  /** Counts judged results so that the journal writes each exactly once. */
  seq: number;
  last?: StepRecord;
  exitCode: number;
  reboot?: { target: 'HD' | 'WinPE'; afterStep: number };
  /** The step whose request shut the computer down, ending the run. */
  shutdownAfter?: number;
  error?: string;
}

export type DispatchOutput =
  | { kind: 'run'; ip: number; attempt: number }
  | { kind: 'end' }
  | { kind: 'settled'; ip: number; settled: Settled };

export type RunStepOutput = { kind: 'interrupted' } | { kind: 'settled'; ip: number; settled: Settled };

export interface InterpreterActors {
  dispatch(input: { ip: number }): Promise<DispatchOutput>;
  runStep(input: { ip: number; attempt: number }): Promise<RunStepOutput>;
  boot(input: { target: 'HD' | 'WinPE' }): Promise<void>;
}

type Out = DispatchOutput | RunStepOutput;
const isSettled = (o: Out, kind: Settled['kind']): boolean => o.kind === 'settled' && o.settled.kind === kind;

/** Context update for a judged result. */
function applySettled(ctx: InterpreterContext, o: Out): Partial<InterpreterContext> {
  if (o.kind !== 'settled') return {};
  const s = o.settled;
  const base = { seq: ctx.seq + 1, last: s.step, attempt: 1 };
  if (s.kind === 'sequence-failed') return { ...base, exitCode: s.exitCode };
  if (s.kind === 'reboot') return { ...base, ip: s.ip, reboot: { target: s.target, afterStep: o.ip } };
  if (s.kind === 'shutdown') return { ...base, exitCode: 0, shutdownAfter: o.ip };
  return { ...base, ip: s.ip };
}

export function createInterpreterMachine(actors: InterpreterActors) {
  return setup({
    types: {} as { context: InterpreterContext; input: { context: InterpreterContext } },
    actors: {
      dispatch: fromPromise<DispatchOutput, { ip: number }>(({ input }) => actors.dispatch(input)),
      runStep: fromPromise<RunStepOutput, { ip: number; attempt: number }>(({ input }) => actors.runStep(input)),
      boot: fromPromise<void, { target: 'HD' | 'WinPE' }>(({ input }) => actors.boot(input)),
    },
  }).createMachine({
    id: 'taskseq',
    context: ({ input }) => input.context,
    initial: 'dispatching',
    states: {
      dispatching: {
        invoke: {
          src: 'dispatch',
          input: ({ context }) => ({ ip: context.ip }),
          onDone: [
            { guard: ({ event }) => event.output.kind === 'run', target: 'running', actions: assign(({ event }) => (event.output.kind === 'run' ? { ip: event.output.ip, attempt: event.output.attempt } : {})) },
            { guard: ({ event }) => event.output.kind === 'end', target: 'succeeded', actions: assign({ exitCode: 0 }) },
            { guard: ({ event }) => isSettled(event.output, 'sequence-failed'), target: 'failed', actions: assign(({ context, event }) => applySettled(context, event.output)) },
            { guard: ({ event }) => isSettled(event.output, 'reboot'), target: 'rebooting', actions: assign(({ context, event }) => applySettled(context, event.output)) },
            { target: 'dispatching', reenter: true, actions: assign(({ context, event }) => applySettled(context, event.output)) },
          ],
          onError: { target: 'crashed', actions: assign({ error: ({ event }) => String((event.error as Error)?.message ?? event.error) }) },
        },
      },
      running: {
        invoke: {
          src: 'runStep',
          input: ({ context }) => ({ ip: context.ip, attempt: context.attempt }),
          onDone: [
            { guard: ({ event }) => event.output.kind === 'interrupted', target: 'dispatching' },
            { guard: ({ event }) => isSettled(event.output, 'sequence-failed'), target: 'failed', actions: assign(({ context, event }) => applySettled(context, event.output)) },
            { guard: ({ event }) => isSettled(event.output, 'reboot'), target: 'rebooting', actions: assign(({ context, event }) => applySettled(context, event.output)) },
            { guard: ({ event }) => isSettled(event.output, 'shutdown'), target: 'succeeded', actions: assign(({ context, event }) => applySettled(context, event.output)) },
            { target: 'dispatching', actions: assign(({ context, event }) => applySettled(context, event.output)) },
          ],
          onError: { target: 'crashed', actions: assign({ error: ({ event }) => String((event.error as Error)?.message ?? event.error) }) },
        },
      },
      rebooting: {
        invoke: {
          src: 'boot',
          input: ({ context }) => ({ target: context.reboot?.target ?? 'HD' }),
          onDone: { target: 'dispatching', actions: assign({ reboot: undefined }) },
          onError: { target: 'crashed', actions: assign({ error: ({ event }) => String((event.error as Error)?.message ?? event.error) }) },
        },
      },
      succeeded: { type: 'final' },
      failed: { type: 'final' },
      crashed: { type: 'final' },
    },
  });
}

export type InterpreterMachine = ReturnType<typeof createInterpreterMachine>;
