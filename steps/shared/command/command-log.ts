/** The log line announcing a command, honouring secrecy and `OSDDoNotLogCommand`. */

export interface CommandLogPolicy {
  /** A secret value went into the command line. */
  secret: boolean;
  /** `OSDDoNotLogCommand=TRUE`: the sequence asked that command lines stay out of the log. */
  doNotLog: boolean;
}

/** Variable a sequence sets to `TRUE` to keep command lines out of smsts.log. */
export const DO_NOT_LOG_VARIABLE = 'OSDDoNotLogCommand';

/** `Executing command line: <line>`, or a line saying why the command line is not shown. */
export function renderCommandLogLine(shown: string, policy: CommandLogPolicy): string {
  if (policy.doNotLog) return `Executing command line (not logged: ${DO_NOT_LOG_VARIABLE}=TRUE)`;
  if (policy.secret) return 'Executing command line (not logged: it contains a secret value)';
  return `Executing command line: ${shown}`;
}
