/**
 * Writes the journal as the interpreter moves: "started" on entering `running` (the step actor awaits first, so this
 * is durable before the step's first side effect), "result" once per judged result, "reboot" before a restart. Each
 * record carries the machine's persisted snapshot.
 */
import type { InterpreterContext } from './interpreter-machine.ts';
import type { EngineDeps } from './engine-deps.ts';

interface ObservedSnapshot {
  value: unknown;
  status: string;
  context: InterpreterContext;
}

export function createJournalObserver(
  deps: EngineDeps, persisted: () => unknown, restoredSeq: number, bootPending: () => boolean,
  done: () => void, fail: (e: unknown) => void,
): (snap: ObservedSnapshot) => void {
  let resultSeq = restoredSeq;
  let started = '';
  let rebootWritten = false;
  return (snap) => {
    try {
      const ctx = snap.context;
      if (ctx.seq > resultSeq && ctx.last) {
        deps.journal.result(ctx.last, persisted(), deps.vars);
        resultSeq = ctx.seq;
      }
      const key = `${ctx.seq}:${ctx.ip}:${ctx.attempt}`;
      if (snap.value === 'running' && key !== started) {
        deps.journal.start(ctx.ip, ctx.attempt, persisted());
        started = key;
      }
      // An instance restored in `rebooting` is the one that came up after the restart: nothing to write.
      if (snap.value === 'rebooting' && ctx.reboot && !rebootWritten && !bootPending()) {
        deps.journal.reboot({ afterStep: ctx.reboot.afterStep, target: ctx.reboot.target }, persisted());
        deps.log.event({ kind: 'reboot', afterStep: ctx.reboot.afterStep, target: ctx.reboot.target });
        deps.log.flush();
        rebootWritten = true;
      }
      if (snap.status === 'done') done();
    } catch (e) {
      fail(e);
    }
  };
}
