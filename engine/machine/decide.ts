/**
 * The interpreter's transition function: given the program, where the run is and what happened, where the run goes
 * and what must be done on the way. Pure: it reads nothing but its arguments and does nothing but return data; the
 * run's actors execute the effects and journal the decisions (see run-actors.ts).
 */
import { afterCondition, walk } from './decide-dispatch.ts';
import { settle } from './decide-settle.ts';
import type { Decided, DecideState, ProgramView, RunEvent } from './decision.ts';

export function decide(view: ProgramView, state: DecideState, event: RunEvent): Decided {
  switch (event.type) {
    case 'dispatch':
      return walk(view, state, state.ip, event.facts, []);
    case 'condition':
      return afterCondition(view, state, event.ip, event.verdict, event.facts);
    case 'interrupted':
      // Back to dispatching, which decides whether the step runs again; the context keeps why.
      return { state: { value: 'dispatching', ip: state.ip, attempt: state.attempt, interrupted: { ip: event.ip, attempt: event.attempt } }, effects: [] };
    case 'step-done':
      return settle(view, event.ip, event.execution, event.shutdownRequested, event.facts);
  }
}
