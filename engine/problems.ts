/** Validation findings and the error classes every layer throws. Only `agent/cli` maps these to exit codes. */

export type Severity = 'error' | 'warning';

/** One finding about the input, with where it is. */
export interface Problem {
  severity: Severity;
  /** Stable machine-readable code, e.g. `unknown-step-type`. */
  code: string;
  message: string;
  /** Source file (as given by the user). */
  file?: string;
  /** Step path, e.g. `Build/Capture/Prepare OS`. */
  path?: string;
  /** Field (attribute, property or variable name) the finding is about. */
  field?: string;
  line?: number;
  column?: number;
}

/** Renders a problem as one human-readable line: `file:line: error [code] path: field: message`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined].filter(Boolean).join(':');
  const what = [p.path, p.field].filter(Boolean).join(': ');
  return `${where ? where + ': ' : ''}${p.severity} [${p.code}] ${what ? what + ': ' : ''}${p.message}`;
}

/** Several checks can find the same thing (e.g. structural and condition checks): keep the first of each. */
export function dedupeProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = [p.code, p.file, p.path, p.line, p.field].join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Error codes with a stable meaning; the CLI maps them to exit codes. */
export type ErrorCode =
  | 'invalid-input'      // the sequence, a profile or an option is wrong: nothing ran
  | 'journal-mismatch'   // a journal from another sequence or engine version
  | 'journal-corrupt'    // damage before the journal's last record: resuming cannot be trusted
  | 'state-folder-locked' // another run holds the state folder
  | 'step-failed'        // used inside the engine to carry a step failure
  | 'read-only-variable' // a step or sequence tried to write a `_` variable
  | 'unsupported'        // a request the backend or engine cannot serve
  | 'content-unavailable' // a package could not be fetched or verified from any source
  | 'tool-missing'       // an external program the backend runs is not installed
  | 'internal';

/** Base class of the project's errors: a stable code, a message naming file/step/field, optional problems. */
export class TaskseqError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; problems?: Problem[] }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'TaskseqError';
    this.code = code;
    this.problems = options?.problems ?? [];
  }
}

/** Input that cannot be used: carries every problem found. */
export class InvalidInputError extends TaskseqError {
  constructor(message: string, problems: Problem[] = [], cause?: unknown) {
    super('invalid-input', message, { problems, cause });
    this.name = 'InvalidInputError';
  }
}
