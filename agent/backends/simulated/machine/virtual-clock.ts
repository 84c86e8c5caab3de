/**
 * A clock that only moves when the simulation says so (commands and reboots take virtual time), so runs are
 * deterministic and fast. Timeout signals fire when virtual time passes their deadline, never on a real timer.
 */
import type { ClockPort } from '../../../../engine/index.ts';

export interface VirtualClock extends ClockPort {
  /** Moves time forward by `ms` milliseconds (negative values are ignored) and fires due timeouts. */
  advance(ms: number): void;
}

interface PendingTimeout {
  deadline: number;
  controller: AbortController;
}

/** @param startMs milliseconds since the Unix epoch the clock starts at */
export function createVirtualClock(startMs: number): VirtualClock {
  let now = startMs;
  let pending: PendingTimeout[] = [];

  const fireDue = () => {
    const due = pending.filter((t) => t.deadline <= now);
    pending = pending.filter((t) => t.deadline > now);
    for (const t of due) {
      t.controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }
  };

  return {
    now: () => now,
    timeout(ms: number): AbortSignal {
      const controller = new AbortController();
      pending.push({ deadline: now + Math.max(0, ms), controller });
      fireDue();
      return controller.signal;
    },
    advance(ms: number): void {
      if (ms > 0) now += ms;
      fireDue();
    },
  };
}
