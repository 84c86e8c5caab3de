/** A live backend logs from its start, before the run's log exists: lines wait here until it is attached. */

export type LogWrite = (severity: 'info' | 'warning', message: string) => void;

export interface BufferedLog {
  write: LogWrite;
  /** Hands over the waiting lines, then writes straight through. */
  attach(write: LogWrite): void;
  /** The run's log has closed: later lines are dropped (there is nowhere left to write them). */
  detach(): void;
}

export function bufferedLog(): BufferedLog {
  const waiting: Array<[Parameters<LogWrite>[0], string]> = [];
  let target: LogWrite | undefined;
  let closed = false;
  return {
    write: (severity, message) => {
      if (closed) return;
      if (target) target(severity, message);
      else waiting.push([severity, message]);
    },
    detach() {
      closed = true;
      target = undefined;
    },
    attach(write) {
      target = write;
      for (const [severity, message] of waiting.splice(0)) write(severity, message);
    },
  };
}
