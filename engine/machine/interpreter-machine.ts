/**
 * The run's lifecycle as one generic xstate machine with the instruction pointer in its context:
 * dispatching (evaluate disable/condition, find the next step) -> running (the step) -> dispatching | rebooting |
 * succeeded | failed. The work of each state is done by actors supplied by the run (so step definitions stay out of
 * the context); the journal persists the machine's snapshots, and a restored snapshot re-invokes the in-flight actor
 * with its saved input.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { StepRecord } from '../journal/records.ts';
import type { Decision } from './decision.ts';

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
  /** The step an unexpected restart interrupted, until dispatching has decided what to do with it. */
  interrupted?: { ip: number; attempt: number };
  error?: string;
}

/** What dispatching starts from (snapshots written before `attempt` and `interrupted` were passed hold `ip` only). */
export interface DispatchInput {
  ip: number;
  attempt?: number;
  interrupted?: { ip: number; attempt: number };
}

export interface InterpreterActors {
  dispatch(input: DispatchInput): Promise<Decision>;
  runStep(input: { ip: number; attempt: number }): Promise<Decision>;
  boot(input: { target: 'HD' | 'WinPE' }): Promise<void>;
}

/** The context a decision leads to: a judged result is counted once, so that the journal writes it once. */
function enter(ctx: InterpreterContext, d: Decision): Partial<InterpreterContext> {
  const next: Partial<InterpreterContext> = { ip: d.ip, attempt: d.attempt, interrupted: d.interrupted };
  if (d.last) Object.assign(next, { seq: ctx.seq + 1, last: d.last });
  if (d.exitCode !== undefined) next.exitCode = d.exitCode;
  if (d.reboot) next.reboot = d.reboot;
  if (d.shutdownAfter !== undefined) next.shutdownAfter = d.shutdownAfter;
  return next;
}

const outputOf = (event: unknown): Decision => (event as { output: Decision }).output;

/** The transitions out of a state whose actor returns a decision: into the state the decision names. */
const DECIDED = (['running', 'succeeded', 'failed', 'rebooting', 'dispatching'] as const).map((value) => ({
  guard: { type: 'decided', params: { value } } as const,
  target: value,
  actions: 'enter' as const,
  // Dispatching again starts a fresh dispatch actor.
  reenter: value === 'dispatching',
}));

export function createInterpreterMachine(actors: InterpreterActors) {
  return setup({
    types: {} as { context: InterpreterContext; input: { context: InterpreterContext } },
    actors: {
      dispatch: fromPromise<Decision, DispatchInput>(({ input }) => actors.dispatch(input)),
      runStep: fromPromise<Decision, { ip: number; attempt: number }>(({ input }) => actors.runStep(input)),
      boot: fromPromise<void, { target: 'HD' | 'WinPE' }>(({ input }) => actors.boot(input)),
    },
    guards: {
      decided: ({ event }, params: { value: Decision['value'] }) => outputOf(event).value === params.value,
    },
    actions: {
      enter: assign(({ context, event }) => enter(context, outputOf(event))),
    },
  }).createMachine({
    id: 'taskseq',
    context: ({ input }) => input.context,
    initial: 'dispatching',
    states: {
      dispatching: {
        invoke: {
          src: 'dispatch',
          input: ({ context }) => ({ ip: context.ip, attempt: context.attempt, ...(context.interrupted ? { interrupted: context.interrupted } : {}) }),
          onDone: DECIDED,
          onError: { target: 'crashed', actions: assign({ error: ({ event }) => String((event.error as Error)?.message ?? event.error) }) },
        },
      },
      running: {
        invoke: {
          src: 'runStep',
          input: ({ context }) => ({ ip: context.ip, attempt: context.attempt }),
          onDone: DECIDED,
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
